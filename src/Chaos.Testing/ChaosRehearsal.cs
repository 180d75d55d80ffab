using System.Globalization;
using System.Net;
using Chaos.Engine.Reports;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Chaos.Engine.Systems;
using Chaos.Engine.Telemetry;
using Chaos.Hosting;
using Chaos.Simulators.Mapped;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chaos.Testing;

/// <summary>
/// A Chaos scenario as one more test: the team's own service hosted in the test process from its
/// <see cref="WebApplicationFactory{TEntryPoint}"/> on a real loopback socket (Kestrel), each dependency of the system
/// file simulated by WireMock.Net and set on the factory by its configuration keys (<c>UseSetting</c>), so that the run
/// goes through the service's real HttpClients and resilience pipelines; the fault timeline replayed on the
/// simulators while the load engine drives the journeys; judged from the traces and from the service's Polly
/// telemetry, read in-process with a <see cref="System.Diagnostics.Metrics.MeterListener"/>.
/// </summary>
/// <example>
/// <code>
/// await using var factory = new WebApplicationFactory&lt;Program&gt;();
/// var result = await ChaosRehearsal.RunAsync(factory, "rehearsal.yaml", cancellationToken: TestContext.Current.CancellationToken);
/// result.AssertPassed();
/// </code>
/// </example>
public static class ChaosRehearsal
{
    /// <summary>Runs the scenario against the service of <paramref name="factory"/> and writes its reports.</summary>
    /// <typeparam name="TEntryPoint">The service's entry point (its <c>Program</c>).</typeparam>
    /// <param name="factory">The service's factory; the rehearsal hosts a configured copy of it and disposes that copy, not this one.</param>
    /// <param name="scenarioPath">
    /// A scenario that names its system file (<c>system: ./system.yaml</c>): its dependencies (mapping files, routes,
    /// <c>config</c> keys, <c>pipeline</c>) and journeys. The system file's <c>service:</c> may be left out: the factory hosts the service.
    /// </param>
    /// <param name="options">Settings, C# journeys, where reports go, the clock.</param>
    /// <param name="cancellationToken">Stops the load, the service and the simulators within seconds (then throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The report and where its files are.</returns>
    /// <exception cref="RehearsalException">The scenario or system file has errors (all listed with file and line), or cannot be rehearsed in-process.</exception>
    public static async Task<RehearsalResult> RunAsync<TEntryPoint>(
        WebApplicationFactory<TEntryPoint> factory, string scenarioPath, RehearsalOptions? options = null, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentException.ThrowIfNullOrWhiteSpace(scenarioPath);
        options ??= new RehearsalOptions();
        var time = options.TimeProvider;
        var scenario = Load(scenarioPath, options, hostedHere: true);
        var system = scenario.System!;

        using var dependencies = MappedDependencies.Start(system, scenario.Seed, time);
        var telemetry = ResilienceTelemetry.InProcess(time);
        await using (telemetry.ConfigureAwait(false))
        {
            // Polly's instrument is seen only by a listener started before the service builds its pipelines.
            await telemetry.StartAsync(cancellationToken).ConfigureAwait(false);
            var hosted = factory.WithWebHostBuilder(builder =>
            {
                foreach (var dependency in system.Dependencies)
                {
                    foreach (var (key, url) in ServiceLaunch.ConfigurationOf(dependency, dependencies.Urls[dependency.Name]))
                    {
                        builder.UseSetting(key, url);
                    }
                }

                foreach (var (key, value) in options.Settings)
                {
                    builder.UseSetting(key, value);
                }
            });
            await using (hosted.ConfigureAwait(false))
            {
                hosted.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
                var service = Start(hosted, system);
                var target = new SystemRunTarget(service, dependencies.Controls)
                {
                    Hosts = dependencies.Hosts,
                    Circuits = TelemetryCircuitObserver.Reading(system, telemetry, time, dependencies.Urls),
                };
                return await JudgeAsync(scenario, target, ReportsDirectory(options, scenario, time), options, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Runs the scenario against its system file's service exactly as <c>chaos run</c> does: started as a child process
    /// (<c>service: command:</c>, its output in <c>service/</c> of the reports folder, never left running) or reached by
    /// <c>service: url:</c>; <see cref="RehearsalOptions.Settings"/> reach a started service as .NET environment
    /// variables (<c>Bank:RetryPosts</c> as <c>Bank__RetryPosts</c>).
    /// </summary>
    /// <param name="scenarioPath">A scenario that names its system file (<c>system: ./system.yaml</c>).</param>
    /// <param name="options">Settings, C# journeys, where reports go, the clock.</param>
    /// <param name="cancellationToken">Stops the load, the service and the simulators within seconds (then throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The report and where its files are.</returns>
    /// <exception cref="RehearsalException">The scenario or system file has errors, or the service did not start (with its last lines).</exception>
    public static async Task<RehearsalResult> RunAsync(string scenarioPath, RehearsalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenarioPath);
        options ??= new RehearsalOptions();
        var time = options.TimeProvider;
        var scenario = Load(scenarioPath, options, hostedHere: false);
        var system = scenario.System!;
        if (system.Service.Url is { } url && options.Settings.Count > 0)
        {
            throw new RehearsalException($"{system.SourcePath}: service: {system.Name} is reached at {url}, which the rehearsal does not start, so RehearsalOptions.Settings cannot reach it; configure it where it runs.");
        }

        var directory = ReportsDirectory(options, scenario, time);
        var environment = options.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value, StringComparer.Ordinal);
        SystemEnvironment started;
        try
        {
            started = await SystemEnvironment.StartAsync(system, scenario.Seed, Path.Combine(directory, "service"), environment, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException or HttpRequestException)
        {
            throw new RehearsalException($"could not start or reach {system.Name} and its simulated dependencies: {ex.Message}", ex);
        }

        await using (started.ConfigureAwait(false))
        {
            return await JudgeAsync(scenario, started.Target, directory, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the scenario against the started target with the options' C# journeys and writes the reports.</summary>
    private static async Task<RehearsalResult> JudgeAsync(Scenario scenario, SystemRunTarget target, string directory, RehearsalOptions options, CancellationToken cancellationToken)
    {
        var withJourneys = target with { CodeJourneys = options.Journeys.ToDictionary(j => j.Key, j => j.Value, StringComparer.Ordinal) };
        var report = await new ScenarioRunner(options.TimeProvider) { FailFast = options.FailFast }.RunAsync(scenario, withJourneys, null, cancellationToken).ConfigureAwait(false);
        var files = ReportWriter.WriteAll(report, directory);
        cancellationToken.ThrowIfCancellationRequested();
        return new RehearsalResult(report, directory, files);
    }

    private static string ReportsDirectory(RehearsalOptions options, Scenario scenario, TimeProvider time) =>
        Path.GetFullPath(options.ReportsDirectory ?? Path.Combine(
            "TestResults", "chaos", $"{scenario.Name}-{time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}"));

    private static Scenario Load(string scenarioPath, RehearsalOptions options, bool hostedHere)
    {
        var loaded = ScenarioLoader.LoadFile(scenarioPath, new SystemLoadOptions(HostedElsewhere: hostedHere, [.. options.Journeys.Keys]));
        if (!loaded.IsValid)
        {
            throw new RehearsalException($"{scenarioPath} cannot be rehearsed; fix these and run again:{Environment.NewLine}"
                + string.Join(Environment.NewLine, loaded.Errors.Select(e => "  " + e)));
        }

        var scenario = loaded.Scenario!;
        if (scenario.System is not { } system)
        {
            throw new RehearsalException($"{scenarioPath}: the scenario names no system file; add system: ./system.yaml with the service's dependencies "
                + "(mapping files, routes, config keys), which the rehearsal simulates and sets on the factory.");
        }

        if (scenario.Faults.FirstOrDefault(f => f.Fault.IsServiceLevel) is { } crash && (hostedHere || system.Service.Url is not null))
        {
            throw new RehearsalException(hostedHere
                ? $"{scenarioPath}: faults: {crash.Name}: kind: crash kills the service's process, which is this test's; remove the fault, or rehearse the service from its system file (ChaosRehearsal.RunAsync(scenarioPath))."
                : $"{scenarioPath}: faults: {crash.Name}: kind: crash kills the service's process, and {system.Name} is reached by url:, which the rehearsal did not start; remove the fault.");
        }

        var unwired = hostedHere ? system.Dependencies.Where(d => d.ConfigKeys.Count == 0).Select(d => d.Name).ToArray() : [];
        if (unwired.Length > 0)
        {
            throw new RehearsalException($"{system.SourcePath}: dependencies {string.Join(", ", unwired)} have no config: keys; a service hosted in the test is pointed at "
                + "its simulators through configuration (UseSetting), so add config: [Bank:BaseAddress] with the key the service reads.");
        }

        return options.LoadScale == 1 ? scenario : scenario with { Load = scenario.Load.Scaled(options.LoadScale) };
    }

    /// <summary>Starts the service on Kestrel and returns its loopback address.</summary>
    private static Uri Start<TEntryPoint>(WebApplicationFactory<TEntryPoint> hosted, SystemDefinition system)
        where TEntryPoint : class
    {
        try
        {
            hosted.StartServer();
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException or IOException)
        {
            throw new RehearsalException($"{system.Name} did not start in the test host: {ex.Message}", ex);
        }

        var addresses = hosted.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.FirstOrDefault() is { } address
            ? new Uri(address.EndsWith('/') ? address : address + "/")
            : throw new RehearsalException($"{system.Name} started in the test host, but Kestrel reported no address.");
    }
}
