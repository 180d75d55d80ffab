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
    private readonly MappedDependencies? _simulators;
    private readonly ChildProcess _service;

    private RecordingSession(IReadOnlyList<DependencyRecorder> recorders, MappedDependencies? simulators, ChildProcess service, Uri baseUrl)
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
        MappedDependencies? simulators = null;
        ChildProcess? service = null;
        try
        {
            var urls = new Dictionary<string, IReadOnlyList<Uri>>(StringComparer.Ordinal);
            foreach (var dependency in system.Dependencies.Where(d => upstreams.ContainsKey(d.Name)))
            {
                var recorder = new DependencyRecorder(dependency.Name, upstreams[dependency.Name]);
                recorders.Add(recorder);

                // Every instance of a pool is recorded through the one proxy in front of the real dependency.
                urls[dependency.Name] = Enumerable.Repeat(recorder.BaseUrl, Math.Max(1, dependency.Instances.Count)).ToArray();
            }

            // The dependencies not recorded are simulated from their mapping files, as in a run (no fault is played).
            simulators = MappedDependencies.Start(system with { Dependencies = [.. system.Dependencies.Where(d => !upstreams.ContainsKey(d.Name))] }, seed: 0, time);
            foreach (var (name, simulated) in simulators.Urls)
            {
                urls[name] = simulated;
            }

            var port = LoopbackPort.Free();
            var launch = ServiceLaunch.For(system, port, urls);
            service = ChildProcess.Start(system.Name, launch.FileName, launch.Arguments, launch.WorkingDirectory, serviceLog, launch.Environment);
            var baseUrl = new Uri($"http://127.0.0.1:{port}/");
            await SystemEnvironment.WaitUntilReadyAsync(system, baseUrl, service, system.Service.StartTimeout, time, cancellationToken).ConfigureAwait(false);
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

    private static async ValueTask StopAsync(ChildProcess? service, IEnumerable<DependencyRecorder> recorders, MappedDependencies? simulators)
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

            simulators?.Dispose();
        }
    }
}
