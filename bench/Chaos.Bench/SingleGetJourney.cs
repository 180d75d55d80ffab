using System.Buffers;
using System.Runtime.CompilerServices;
using Chaos.Engine.Load;

namespace Chaos.Bench;

/// <summary>
/// A journey of one <c>GET /</c> that reads the whole response, over a SocketsHttpHandler set up like the storefront
/// journeys' one (bounded connections, no cookies, no redirects) and tuned: no proxy lookup, no trace headers.
/// </summary>
internal sealed class SingleGetJourney : IJourneyRunner, IDisposable
{
    /// <summary>The one journey's name.</summary>
    public const string Name = "get";

    private readonly HttpMessageInvoker _invoker;
    private readonly HttpClient? _client;
    private readonly Uri _uri;

    public SingleGetJourney(Uri uri, int maxConnections, JourneyClient kind)
    {
        _uri = uri;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
            ActivityHeadersPropagator = null,
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        _client = kind == JourneyClient.HttpClient ? new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(10) } : null;
    }

    // Pooled: a virtual user runs one journey at a time, and its next one usually starts on the thread where the previous
    // one completed, so the state machine comes back from the pool instead of a new ~220 B box per journey.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        using var response = _client is null
            ? await _invoker.SendAsync(request, cancellationToken).ConfigureAwait(false)
            : await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

        // Read the body to its end, as a real journey would, without buffering it in a new array each time.
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            // The response content is already a stream over the connection: the synchronous call returns it without the
            // Task<Stream> that ReadAsStreamAsync allocates.
            var body = response.Content.ReadAsStream(cancellationToken);
            while (await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var status = (int)response.StatusCode;
        return response.IsSuccessStatusCode
            ? JourneyResult.Ok(status)
            : new JourneyResult(OutcomeKind.HttpError, status, "GET / answered " + status);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _invoker.Dispose();
    }
}
