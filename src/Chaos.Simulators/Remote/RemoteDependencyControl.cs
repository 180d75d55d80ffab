using System.Net.Http.Json;
using Chaos.Engine.Faults;

namespace Chaos.Simulators.Remote;

/// <summary>
/// The control surface of a simulated dependency in another process, through the control endpoint of
/// <c>chaos simulate</c> (<see cref="SimulatorControlServer"/>). Every call is bounded by the client's timeout; a
/// failure throws <see cref="InvalidOperationException"/> naming the URL and what to check.
/// </summary>
internal sealed class RemoteDependencyControl : IDependencyControl
{
    private readonly HttpClient _http;
    private readonly Uri _dependencyUrl;

    /// <summary>Initializes a new instance of the <see cref="RemoteDependencyControl"/> class.</summary>
    /// <param name="http">The client to call with; its <see cref="HttpClient.Timeout"/> bounds every call.</param>
    /// <param name="controlUrl">The control endpoint's base URL, for example <c>http://127.0.0.1:5300/</c>.</param>
    /// <param name="dependency">The dependency's name, for example <c>payments.primary</c>.</param>
    public RemoteDependencyControl(HttpClient http, Uri controlUrl, string dependency)
    {
        ArgumentNullException.ThrowIfNull(controlUrl);
        _http = http;
        Dependency = dependency;
        _dependencyUrl = new Uri(controlUrl, $"control/dependencies/{Uri.EscapeDataString(dependency)}/");
    }

    /// <inheritdoc />
    public string Dependency { get; }

    /// <inheritdoc />
    public async ValueTask ApplyAsync(FaultRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var url = FaultUrl(rule.Name);
        await SendAsync(url, "apply fault rule '" + rule.Name + "'", () => _http.PutAsJsonAsync(url, rule, ControlJson.Options, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ClearAsync(string ruleName, CancellationToken cancellationToken)
    {
        var url = FaultUrl(ruleName);
        await SendAsync(url, "clear fault rule '" + ruleName + "'", () => _http.DeleteAsync(url, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<DependencyJournal> ReadJournalAsync(CancellationToken cancellationToken)
    {
        var url = new Uri(_dependencyUrl, "journal");
        using var response = await SendAsync(url, "read the journal", () => _http.GetAsync(url, cancellationToken)).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadFromJsonAsync<DependencyJournal>(ControlJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"GET {url} answered no journal.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidOperationException($"GET {url} answered a body that is not a journal ({ex.Message}); is it a `chaos simulate` control endpoint of the same version?", ex);
        }
    }

    private Uri FaultUrl(string ruleName) => new(_dependencyUrl, "faults/" + Uri.EscapeDataString(ruleName));

    private async Task<HttpResponseMessage> SendAsync(Uri url, string action, Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send().ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"Could not {action} on {Dependency}: the simulators' control endpoint {url} is unreachable ({ex.Message}). Start it with `chaos simulate`, or pass its URL with --simulators-url.", ex);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            throw new InvalidOperationException($"Could not {action} on {Dependency}: the simulators' control endpoint {url} did not answer within {_http.Timeout.TotalSeconds:0.#}s.", ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new InvalidOperationException($"Could not {action} on {Dependency}: {url} answered {status}: {body}");
        }

        return response;
    }
}
