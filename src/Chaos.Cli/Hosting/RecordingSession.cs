using System.Net;
using System.Net.Sockets;
using Chaos.Engine.Faults;
using Chaos.Engine.Systems;
using Chaos.Hosting;
using Chaos.Simulators.Mapped;
using Chaos.Simulators.Recording;

namespace Chaos.Cli.Hosting;

/// <summary>
/// The set-up of <c>chaos record</c>: a <see cref="DependencyRecorder"/> (WireMock.Net in proxy-and-record mode on
/// 127.0.0.1) in front of each real dependency named on the command line, a <see cref="MappedDependencySimulator"/> from
/// its mapping files for every other dependency, and the service started as <c>chaos run</c> starts it
/// (<see cref="ServiceLaunch"/>, a <see cref="ChildProcess"/> with its output in a log file), pointed at them. Disposing
/// it kills the service first, so no call arrives after the recording ends, then stops the recorders and simulators;
/// so does a failed start.
/// </summary>
internal sealed class RecordingSession : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(200);

    private readonly IReadOnlyList<MappedDependencySimulator> _simulators;
    private readonly ChildProcess _service;

    private RecordingSession(IReadOnlyList<DependencyRecorder> recorders, IReadOnlyList<MappedDependencySimulator> simulators, ChildProcess service, Uri baseUrl)
    {
        Recorders = recorders;
        _simulators = simulators;
        _service = service;
        BaseUrl = baseUrl;
    }

    /// <summary>Gets the recorders, one per recorded dependency.</summary>
    public IReadOnlyList<DependencyRecorder> Recorders { get; }

    /// <summary>Gets the service's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets the service's log file.</summary>
    public string ServiceLog => _service.LogPath;

    /// <summary>Starts the recorders, the other dependencies' simulators and the service, and waits until it is ready.</summary>
    /// <param name="system">The system file (its service is started: <c>service: command:</c>).</param>
    /// <param name="upstreams">The real URL of each dependency to record, by name.</param>
    /// <param name="serviceLog">The service's log file.</param>
    /// <param name="time">The time provider.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <exception cref="InvalidOperationException">The service did not start or was not ready in time; the message holds its last lines.</exception>
    public static async Task<RecordingSession> StartAsync(
        SystemDefinition system, IReadOnlyDictionary<string, Uri> upstreams, string serviceLog, TimeProvider time, CancellationToken cancellationToken)
    {
        var recorders = new List<DependencyRecorder>();
        var simulators = new List<MappedDependencySimulator>();
        ChildProcess? service = null;
        try
        {
            var urls = new Dictionary<string, IReadOnlyList<Uri>>(StringComparer.Ordinal);
            foreach (var dependency in system.Dependencies)
            {
                var count = Math.Max(1, dependency.Instances.Count);
                if (upstreams.TryGetValue(dependency.Name, out var upstream))
                {
                    var recorder = new DependencyRecorder(dependency.Name, upstream);
                    recorders.Add(recorder);

                    // Every instance of a pool is recorded through the one proxy in front of the real dependency.
                    urls[dependency.Name] = Enumerable.Repeat(recorder.BaseUrl, count).ToArray();
                    continue;
                }

                var names = dependency.Instances.Count == 0 ? [dependency.Name] : dependency.Instances.Select(i => $"{dependency.Name}.{i.Name}").ToArray();
                var started = new List<Uri>();
                foreach (var name in names)
                {
                    var simulator = new MappedDependencySimulator(dependency, name, new FaultInjector(simulators.Count + 1), time);
                    simulators.Add(simulator);
                    started.Add(simulator.BaseUrl);
                }

                urls[dependency.Name] = started;
            }

            var port = FreePort();
            var launch = ServiceLaunch.For(system, port, urls);
            service = ChildProcess.Start(system.Name, launch.FileName, launch.Arguments, launch.WorkingDirectory, serviceLog, launch.Environment);
            var baseUrl = new Uri($"http://127.0.0.1:{port}/");
            await WaitUntilReadyAsync(system, baseUrl, service, time, cancellationToken).ConfigureAwait(false);
            return new RecordingSession(recorders, simulators, service, baseUrl);
        }
        catch
        {
            await StopAsync(service, recorders, simulators).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => StopAsync(_service, Recorders, _simulators);

    private static async ValueTask StopAsync(ChildProcess? service, IEnumerable<DependencyRecorder> recorders, IEnumerable<MappedDependencySimulator> simulators)
    {
        try
        {
            if (service is not null)
            {
                await service.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var recorder in recorders)
            {
                recorder.Dispose();
            }

            foreach (var simulator in simulators)
            {
                simulator.Dispose();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls the ready check (2xx), or the first HTTP answer of any status without one, until the start timeout, as a run does.</summary>
    private static async Task WaitUntilReadyAsync(SystemDefinition system, Uri baseUrl, ChildProcess service, TimeProvider time, CancellationToken cancellationToken)
    {
        var ready = system.Service.Ready;
        var timeout = system.Service.StartTimeout;
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var start = time.GetTimestamp();
        var last = "no answer yet";
        while (true)
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException($"{system.SourcePath}: service: {system.Name} exited before it was ready; its last lines ({service.LogPath}):{Environment.NewLine}{service.RecentOutput()}");
            }

            try
            {
                using var request = new HttpRequestMessage(new HttpMethod(ready?.Method ?? "GET"), (ready?.Path ?? "/").TrimStart('/'));
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (ready is null || response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{ready.Method} {ready.Path} answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "the ready check timed out";
            }

            if (time.GetElapsedTime(start) > timeout)
            {
                throw new InvalidOperationException($"{system.SourcePath}: service.startTimeout: {system.Name} was not ready within {timeout.TotalSeconds:0.#}s at {baseUrl} ({last}); "
                    + $"raise startTimeout or check the ready check and the service's start-up; its last lines ({service.LogPath}):{Environment.NewLine}{service.RecentOutput()}");
            }

            await Task.Delay(ReadyPoll, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
