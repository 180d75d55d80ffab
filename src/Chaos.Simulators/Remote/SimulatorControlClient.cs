using System.Net.Http.Json;
using Chaos.Engine.Faults;

namespace Chaos.Simulators.Remote;

/// <summary>
/// A client of the control endpoint of <c>chaos simulate</c>: lists the simulated dependencies and hands out a
/// <see cref="RemoteDependencyControl"/> for each.
/// </summary>
public sealed class SimulatorControlClient : IDisposable
{
    /// <summary>The bound on every call to the control endpoint.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;

    private SimulatorControlClient(HttpClient http, Uri url, IReadOnlyList<ControlDependency> dependencies)
    {
        _http = http;
        Url = url;
        Dependencies = dependencies;
        Controls = dependencies.Select(d => (IDependencyControl)new RemoteDependencyControl(http, url, d.Name)).ToArray();
    }

    /// <summary>Gets the control endpoint's base URL.</summary>
    public Uri Url { get; }

    /// <summary>Gets the simulated dependencies as the control endpoint lists them.</summary>
    public IReadOnlyList<ControlDependency> Dependencies { get; }

    /// <summary>Gets a control surface for each simulated dependency.</summary>
    public IReadOnlyList<IDependencyControl> Controls { get; }

    /// <summary>Lists the dependencies of the control endpoint at <paramref name="url"/>.</summary>
    /// <param name="url">The control endpoint's base URL, for example <c>http://127.0.0.1:5300/</c>.</param>
    /// <param name="timeout">The bound on every call; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The endpoint is unreachable or answers something else; the message names the URL.</exception>
    public static async Task<SimulatorControlClient> ConnectAsync(Uri url, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var baseUrl = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        var http = new HttpClient { Timeout = timeout ?? DefaultTimeout };
        var list = new Uri(baseUrl, "control/dependencies");
        try
        {
            var dependencies = await http.GetFromJsonAsync<List<ControlDependency>>(list, ControlJson.Options, cancellationToken).ConfigureAwait(false);
            if (dependencies is null || dependencies.Count == 0)
            {
                throw new InvalidOperationException($"GET {list} listed no simulated dependency; is it a `chaos simulate` control endpoint?");
            }

            return new SimulatorControlClient(http, baseUrl, dependencies);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            http.Dispose();
            throw new InvalidOperationException($"The simulators' control endpoint {list} is unreachable or not a control endpoint ({ex.Message}). Start the simulators with `chaos simulate` and pass that URL with --simulators-url.", ex);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
