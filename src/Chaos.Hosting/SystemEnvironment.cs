using Chaos.Engine.Running;
using Chaos.Engine.Systems;
using Chaos.Engine.Telemetry;
using Chaos.Hosting.Telemetry;
using Chaos.Simulators.Mapped;

namespace Chaos.Hosting;

/// <summary>
/// The set-up of a system file: one <see cref="MappedDependencySimulator"/> per dependency (per instance of a pool) on
/// 127.0.0.1 at free ports, and the service, started as a child process with its output in <c>&lt;out&gt;/service/</c>
/// and pointed at the simulators as the system file says, or reached by URL. When a dependency names its Polly
/// <c>pipeline:</c>, the service's telemetry is read over its diagnostics port from readiness on. Disposing it ends
/// that session, kills the service and stops the simulators; so does a failed start.
/// </summary>
internal sealed class SystemEnvironment : IAsyncDisposable
{
    private static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(200);

    private readonly MappedDependencies _simulators;
    private readonly RestartableProcess? _service;
    private readonly IResilienceTelemetrySource? _telemetry;

    private SystemEnvironment(MappedDependencies simulators, RestartableProcess? service, IResilienceTelemetrySource? telemetry, SystemRunTarget target)
    {
        _simulators = simulators;
        _service = service;
        _telemetry = telemetry;
        Target = target;
    }

    /// <summary>Gets what a run drives.</summary>
    public SystemRunTarget Target { get; }

    /// <summary>Starts the simulators and the service and waits until the service is ready.</summary>
    /// <param name="system">The system file.</param>
    /// <param name="seed">The scenario's seed: each simulator's fault decisions draw from it.</param>
    /// <param name="serviceDirectory">Where the service's output goes (<c>&lt;out&gt;/service/</c>).</param>
    /// <param name="extraEnvironment">Environment variables set on the service on top of the system file's (<c>--service-env</c>).</param>
    /// <param name="time">The time provider.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <exception cref="InvalidOperationException">The service did not start or was not ready in time; the message holds its last lines of output.</exception>
    public static async Task<SystemEnvironment> StartAsync(
        SystemDefinition system, int seed, string serviceDirectory, IReadOnlyDictionary<string, string> extraEnvironment, TimeProvider time, CancellationToken cancellationToken)
    {
        var simulators = MappedDependencies.Start(system, seed, time);
        RestartableProcess? service = null;
        RestartedTelemetrySource? telemetry = null;
        try
        {
            Uri baseUrl;
            if (system.Service.Url is { } url)
            {
                baseUrl = url;
            }
            else
            {
                var port = LoopbackPort.Free();
                var launch = ServiceLaunch.For(system, port, simulators.Urls);
                var environment = new Dictionary<string, string>(launch.Environment, StringComparer.Ordinal);
                foreach (var (key, value) in extraEnvironment)
                {
                    environment[key] = value;
                }

                Directory.CreateDirectory(serviceDirectory);
                baseUrl = new Uri($"http://127.0.0.1:{port}/");
                var ready = baseUrl;

                // A crash fault kills it and starts it again with the same launch: same port, same log (appended).
                service = await RestartableProcess.StartAsync(
                    _ => ChildProcess.Start(system.Name, launch.FileName, launch.Arguments, launch.WorkingDirectory, Path.Combine(serviceDirectory, "service.log"), environment),
                    baseUrl.AbsoluteUri,
                    async (process, timeout, token) =>
                    {
                        await WaitUntilReadyAsync(system, ready, process, timeout, time, token).ConfigureAwait(false);
                        return ready;
                    },
                    system.Service.StartTimeout,
                    time,
                    cancellationToken).ConfigureAwait(false);
            }

            if (service is null)
            {
                await WaitUntilReadyAsync(system, baseUrl, null, system.Service.StartTimeout, time, cancellationToken).ConfigureAwait(false);
            }

            TelemetryCircuitObserver circuits;
            if (service is null)
            {
                circuits = TelemetryCircuitObserver.Without(system, "Chaos did not start the service (service: url:), so it cannot read its Polly telemetry over the .NET diagnostics port; "
                    + "let Chaos start it (service: command:), or remove the expectation.", time);
            }
            else if (system.Dependencies.Any(d => d.Pipeline is not null))
            {
                telemetry = new RestartedTelemetrySource(new EventPipeResilienceTelemetrySource(service.Id, time));
                await telemetry.StartAsync(cancellationToken).ConfigureAwait(false);
                circuits = TelemetryCircuitObserver.Reading(system, telemetry, time, simulators.Urls);
            }
            else
            {
                circuits = TelemetryCircuitObserver.Without(system, "no dependency of the system file names a pipeline:", time);
            }

            var target = new SystemRunTarget(baseUrl, simulators.Controls)
            {
                Hosts = simulators.Hosts,
                Circuits = circuits,
                Control = service is null ? null : new CrashableService(service, telemetry, time),
            };
            return new SystemEnvironment(simulators, service, telemetry, target);
        }
        catch
        {
            if (telemetry is not null)
            {
                await telemetry.DisposeAsync().ConfigureAwait(false);
            }

            if (service is not null)
            {
                await service.DisposeAsync().ConfigureAwait(false);
            }

            simulators.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_telemetry is not null)
            {
                await _telemetry.DisposeAsync().ConfigureAwait(false);
            }

            if (_service is not null)
            {
                await _service.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _simulators.Dispose();
        }
    }

    /// <summary>
    /// Polls the ready check (2xx), or the first HTTP answer of any status without one, until <paramref name="timeout"/>;
    /// throws <see cref="InvalidOperationException"/> with the service's last lines when it exits first or is not ready in time.
    /// </summary>
    internal static async Task WaitUntilReadyAsync(SystemDefinition system, Uri baseUrl, ChildProcess? service, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var ready = system.Service.Ready;
        using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var start = time.GetTimestamp();
        string last = "no answer yet";
        while (true)
        {
            if (service is { HasExited: true })
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
                var output = service is null ? "" : $"; its last lines ({service.LogPath}):{Environment.NewLine}{service.RecentOutput()}";
                throw new InvalidOperationException($"{system.SourcePath}: service.startTimeout: {system.Name} was not ready within {timeout.TotalSeconds:0.#}s at {baseUrl} ({last}); "
                    + $"raise startTimeout or check the ready check and the service's start-up{output}");
            }

            await Task.Delay(ReadyPoll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The service as a <c>kind: crash</c> fault sees it: killed (SIGKILL, its process tree) and started again on the
    /// same port; its Polly telemetry is then read from the new process too.
    /// </summary>
    private sealed class CrashableService(RestartableProcess process, RestartedTelemetrySource? telemetry, TimeProvider time) : IServiceControl
    {
        public Task CrashAsync(CancellationToken cancellationToken) => process.CrashAsync(cancellationToken);

        public async Task RestartAsync(CancellationToken cancellationToken)
        {
            await process.RestartAsync(cancellationToken).ConfigureAwait(false);
            if (telemetry is not null)
            {
                await telemetry.AttachAsync(new EventPipeResilienceTelemetrySource(process.Id, time), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
