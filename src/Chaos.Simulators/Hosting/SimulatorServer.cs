using Chaos.Engine.Faults;
using WireMock;
using WireMock.Server;
using WireMock.Settings;

namespace Chaos.Simulators.Hosting;

/// <summary>
/// A WireMock.Net server bound to loopback whose routes are answered by callbacks that first ask the
/// dependency's <see cref="FaultInjector"/> what to inject, then serve the request, and journal the call.
/// </summary>
internal sealed class SimulatorServer : IDisposable
{
    private readonly WireMockServer _server;
    private readonly TimeProvider _time;

    internal SimulatorServer(string url, FaultInjector faults, SimulatorJournal journal, TimeProvider time)
    {
        Faults = faults;
        Journal = journal;
        _time = time;
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [url],
            MaxRequestLogCount = 0,
            StartAdminInterface = false,
        });
        BaseUrl = new Uri(_server.Urls[0].TrimEnd('/') + "/");
    }

    internal Uri BaseUrl { get; }

    internal FaultInjector Faults { get; }

    internal SimulatorJournal Journal { get; }

    internal WireMockServer Server => _server;

    /// <summary>
    /// Wraps a route's handler: decides faults, answers a status fault without serving, otherwise serves and
    /// then delays the response by any latency fault (the work is done, the answer is late: an unknown
    /// outcome for a client that times out), and journals the call.
    /// </summary>
    internal Func<IRequestMessage, Task<IResponseMessage>> Route(string route, Func<IRequestMessage, ResponseMessage> serve) => async request =>
    {
        var at = _time.GetUtcNow();
        var decision = Faults.Decide(route);
        ResponseMessage response;
        if (decision.Status is { } status)
        {
            var headers = status.RetryAfter is { } retryAfter
                ? new[] { ("Retry-After", ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)) }
                : [];
            response = SimulatorResponses.Problem(status.StatusCode, "injected_fault", "Fault injected by the simulator.", headers);
        }
        else
        {
            response = serve(request);
        }

        if (decision.Delay > TimeSpan.Zero)
        {
            await Task.Delay(decision.Delay, _time).ConfigureAwait(false);
        }

        Journal.RecordCall(new DependencyCall(at, route, response.StatusCode is int code ? code : 200, decision.Faulted));
        return response;
    };

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }
}
