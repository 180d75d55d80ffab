using Chaos.Engine.Load;

namespace Chaos.Bench;

/// <summary>A journey of one <c>GET /</c>, over a SocketsHttpHandler set up like the storefront journeys' one.</summary>
internal sealed class SingleGetJourney : IJourneyRunner, IDisposable
{
    /// <summary>The one journey's name.</summary>
    public const string Name = "get";

    private readonly HttpClient _client;
    private readonly Uri _uri;

    public SingleGetJourney(Uri uri, int maxConnections)
    {
        _uri = uri;
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public async ValueTask<JourneyResult> RunAsync(string journey, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(_uri, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        return response.IsSuccessStatusCode
            ? JourneyResult.Ok(status)
            : new JourneyResult(OutcomeKind.HttpError, status, "GET / answered " + status);
    }

    public void Dispose() => _client.Dispose();
}
