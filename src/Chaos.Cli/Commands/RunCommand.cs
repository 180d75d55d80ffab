using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Chaos.Cli.Agents;
using Chaos.Cli.Console;
using Chaos.Cli.Hosting;
using Chaos.Engine.Reports;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Chaos.Hosting;
using Chaos.Targets.Storefront;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Chaos.Cli.Commands;

/// <summary><c>chaos run SCENARIO</c>: replays a scenario against the storefront and its simulators, and judges it.</summary>
internal static class RunCommand
{
    /// <summary>The settings of one run.</summary>
    /// <param name="ScenarioPath">The scenario file.</param>
    /// <param name="OutDirectory">Where the reports go; null for <c>chaos-results/&lt;scenario&gt;/&lt;UTC timestamp&gt;/</c>.</param>
    /// <param name="StorefrontConfig">appsettings-style JSON files layered over the storefront's configuration.</param>
    /// <param name="Quiet">No progress lines.</param>
    /// <param name="StorefrontUrl">A storefront started elsewhere, driven by URL (with <paramref name="SimulatorsUrl"/>).</param>
    /// <param name="SimulatorsUrl">The control endpoint of <c>chaos simulate</c> started elsewhere.</param>
    /// <param name="Admin">How to authenticate to a storefront started elsewhere.</param>
    /// <param name="MultiProcess">Start the simulators and the storefront as separate OS processes.</param>
    /// <param name="LoadScale">Multiplies every arrival rate and number of virtual users of the scenario's load.</param>
    /// <param name="ServiceEnv">With a scenario's <c>system:</c>: environment variables set on the service chaos starts (<c>Bank__RetryPosts=false</c>).</param>
    /// <param name="ServiceConfig">
    /// With a scenario's <c>system:</c>: appsettings-style JSON files whose values reach the service chaos starts as
    /// environment variables (<c>{ "Bank": { "RetryPosts": false } }</c> as <c>Bank__RetryPosts=false</c>), later files
    /// over earlier ones, <see cref="ServiceEnv"/> over them all.
    /// </param>
    public sealed record Settings(
        string ScenarioPath,
        string? OutDirectory,
        IReadOnlyList<string> StorefrontConfig,
        bool Quiet,
        string? StorefrontUrl = null,
        string? SimulatorsUrl = null,
        AdminSettings? Admin = null,
        bool MultiProcess = false,
        double LoadScale = 1,
        IReadOnlyList<string>? ServiceEnv = null,
        IReadOnlyList<string>? ServiceConfig = null)
    {
        /// <summary>Gets the number of load agents that drive the load (0: this process drives it).</summary>
        public int Agents { get; init; }

        /// <summary>Gets where the coordinator listens for external agents (<c>ADDR:PORT</c>), or null to start the agents here.</summary>
        public string? CoordinatorListen { get; init; }

        /// <summary>Gets how long an agent may take to come to the barrier and to report (<c>60s</c>), or null for 60 s.</summary>
        public string? AgentTimeout { get; init; }

        /// <summary>Gets a value indicating whether the run stops once an expectation has failed (<see cref="ScenarioRunner.FailFast"/>).</summary>
        public bool FailFast { get; init; }
    }

    /// <summary>The admin credentials for a storefront started elsewhere: a token, a key, or an account to log in with.</summary>
    /// <param name="Token">An admin token, sent as <c>Authorization: Bearer</c>.</param>
    /// <param name="Key">An admin key, sent as <c>X-Admin-Key</c> (storefronts before admin tokens).</param>
    /// <param name="User">The account to log in with through the storefront's <c>POST /login</c> when neither is given.</param>
    /// <param name="Password">Its password.</param>
    public sealed record AdminSettings(string? Token = null, string? Key = null, string? User = null, string? Password = null);

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file, for example scenarios/payment-gateway-down.yaml, or the name of a shipped one (payment-gateway-down)." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the reports. Default: chaos-results/<scenario>/<UTC timestamp>/." };
        var storefrontConfig = new Option<string[]>("--storefront-config")
        {
            Description = "An appsettings-style JSON file layered over the storefront's configuration (repeatable; later files win).",
            AllowMultipleArgumentsPerToken = false,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines (for CI logs)." };
        var storefrontUrl = new Option<string?>("--storefront-url") { Description = "Drive a storefront started elsewhere, for example http://127.0.0.1:8080 (needs --simulators-url)." };
        var simulatorsUrl = new Option<string?>("--simulators-url") { Description = "The control endpoint of `chaos simulate` started elsewhere, for example http://127.0.0.1:5300 (needs --storefront-url)." };
        var adminToken = new Option<string?>("--admin-token") { Description = "With --storefront-url: an admin token (JWT with the admin role) for reconciliation." };
        var adminKey = new Option<string?>("--admin-key") { Description = "With --storefront-url: an admin key sent as X-Admin-Key (storefronts before admin tokens)." };
        var adminUser = new Option<string?>("--admin-user") { Description = $"With --storefront-url and no token or key: the admin account to log in with through POST /login. Default: {AdminSignIn.DefaultUser}." };
        var adminPassword = new Option<string?>("--admin-password") { Description = "Its password. Default: the simulated identity provider's." };
        var multiProcess = new Option<bool>("--multi-process") { Description = "Start `chaos simulate` and the storefront as separate OS processes on 127.0.0.1 and drive them by URL." };
        var loadScale = new Option<double>("--load-scale") { Description = "Multiply every arrival rate and number of virtual users of the load, for example 0.5 for half. Default: 1.", DefaultValueFactory = _ => 1 };
        var serviceEnv = new Option<string[]>("--service-env")
        {
            Description = "With a scenario that names a system file: NAME=VALUE set in the environment of the service chaos starts, for example Bank__RetryPosts=false (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var serviceConfig = new Option<string[]>("--service-config")
        {
            Description = "With a scenario that names a system file: an appsettings-style JSON file whose values reach the service chaos starts as environment variables ({ \"Bank\": { \"RetryPosts\": false } } as Bank__RetryPosts=false); repeatable, later files win, --service-env wins over all.",
            AllowMultipleArgumentsPerToken = false,
        };
        var agents = new Option<int>("--agents")
        {
            Description = "Drive the load from N load agents, each running one execution segment of it (k6's arithmetic), merged before judging. "
                + "Without --coordinator-listen, chaos starts the N agents here as child processes. Default: 0 (this process drives the load).",
        };
        var coordinatorListen = new Option<string?>("--coordinator-listen")
        {
            Description = "With --agents: listen at ADDR:PORT (for example 10.77.0.1:7700; port 0 picks one) and wait for N agents started elsewhere "
                + "(`chaos agent --coordinator http://ADDR:PORT --index I`, or a Kubernetes Indexed Job). Default: 127.0.0.1 and local agents.",
        };
        var failFast = new Option<bool>("--fail-fast")
        {
            Description = "Stop the load and the faults as soon as an expectation has failed (k6's abortOnFail): each is judged once its phase has "
                + "ended and its journeys are recorded; the rest are reported as not judged, invariants are checked on what ran, and the exit code is 1.",
        };
        var agentTimeout = new Option<string?>("--agent-timeout") { Description = "With --agents: how long an agent may take to reach the start barrier, and to report after its load, before the run is a harness error naming it. Default: 60s." };
        var command = new Command("run", "Replay a scenario against the storefront (or the service of its system file) and its simulated dependencies, then judge it.")
        {
            scenario, output, storefrontConfig, quiet, storefrontUrl, simulatorsUrl, adminToken, adminKey, adminUser, adminPassword, multiProcess, loadScale, serviceEnv, serviceConfig,
            agents, coordinatorListen, agentTimeout, failFast,
        };
        return command.RunsOnTheSystemClock(
            result => new Settings(
                result.GetRequiredValue(scenario),
                result.GetValue(output),
                result.GetValue(storefrontConfig) ?? [],
                result.GetValue(quiet),
                result.GetValue(storefrontUrl),
                result.GetValue(simulatorsUrl),
                new AdminSettings(result.GetValue(adminToken), result.GetValue(adminKey), result.GetValue(adminUser), result.GetValue(adminPassword)),
                result.GetValue(multiProcess),
                result.GetValue(loadScale),
                result.GetValue(serviceEnv),
                result.GetValue(serviceConfig))
            {
                Agents = result.GetValue(agents),
                CoordinatorListen = result.GetValue(coordinatorListen),
                AgentTimeout = result.GetValue(agentTimeout),
                FailFast = result.GetValue(failFast),
            },
            (parsed, time, cancellationToken) => ExecuteAsync(parsed, console, error, time, cancellationToken));
    }

    /// <summary>Runs a scenario; returns the exit code.</summary>
    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ScenarioErrors.Load(settings.ScenarioPath, error) is not { } scenario)
        {
            return ExitCodes.Invalid;
        }

        if (!double.IsFinite(settings.LoadScale) || settings.LoadScale <= 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"--load-scale {settings.LoadScale}: must be a number above 0; use 0.5 for half the load or 2 for twice it."));
            return ExitCodes.Invalid;
        }

        if (settings.LoadScale != 1)
        {
            scenario = scenario with { Load = scenario.Load.Scaled(settings.LoadScale) };
        }

        foreach (var file in settings.StorefrontConfig)
        {
            if (!File.Exists(file))
            {
                error.WriteLine($"--storefront-config {file}: no such file; pass the path of an appsettings-style JSON file.");
                return ExitCodes.Invalid;
            }
        }

        if (Usage(settings) is { } usage)
        {
            error.WriteLine(usage);
            return ExitCodes.Invalid;
        }

        if (CrashOf(scenario) is { } crash && settings.StorefrontUrl is not null)
        {
            error.WriteLine($"{scenario.SourcePath}: faults: {crash.Name} crashes the storefront (kind: crash), and --storefront-url names a storefront chaos did not start, "
                + "so chaos cannot kill and restart it; leave out --storefront-url and --simulators-url (chaos then starts the storefront as a child process), or remove the crash.");
            return ExitCodes.Invalid;
        }

        var outDirectory = Path.GetFullPath(settings.OutDirectory
            ?? Path.Combine("chaos-results", scenario.Name, time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)));
        if (settings.StorefrontUrl is not null && scenario.StorefrontSettings.Count > 0)
        {
            // A storefront started elsewhere keeps its own configuration; say what this scenario's timeline assumes.
            error.WriteLine($"note: {scenario.SourcePath} sets storefront settings that only a storefront chaos starts receives; "
                + "start the storefront at --storefront-url with them, or expectations that depend on them may fail: "
                + string.Join(", ", scenario.StorefrontSettings.Select(pair => $"{pair.Key}={pair.Value}")));
        }

        if (AgentOptions.Parse(settings, error) is not { } agentOptions)
        {
            return ExitCodes.Invalid;
        }

        var view = new RunConsole(console, settings.Quiet);
        if (scenario.System is not null)
        {
            return await RunSystemAsync(settings, scenario, agentOptions, outDirectory, view, error, time, cancellationToken).ConfigureAwait(false);
        }

        if (settings.ServiceEnv is { Count: > 0 } || settings.ServiceConfig is { Count: > 0 })
        {
            var option = settings.ServiceEnv is { Count: > 0 } ? "--service-env" : "--service-config";
            error.WriteLine($"{option} applies only to a scenario that names a system file (system: ./system.yaml); {scenario.SourcePath} runs the storefront, configure it with --storefront-config.");
            return ExitCodes.Invalid;
        }

        view.Starting(scenario, outDirectory);

        IRunEnvironment environment;
        try
        {
            environment = await StartEnvironmentAsync(settings, scenario, Path.Combine(outDirectory, "storefront"), time, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            error.WriteLine($"The storefront rejected its configuration ({string.Join(", ", settings.StorefrontConfig.DefaultIfEmpty("defaults"))}):");
            foreach (var failure in ex.Failures)
            {
                error.WriteLine($"  {failure}");
            }

            return ExitCodes.Invalid;
        }
        catch (StorefrontConfigurationException ex)
        {
            error.WriteLine($"The storefront rejected its configuration ({string.Join(", ", settings.StorefrontConfig.DefaultIfEmpty("defaults"))}):");
            foreach (var failure in ex.Failures)
            {
                error.WriteLine($"  {failure}");
            }

            return ExitCodes.Invalid;
        }
        catch (InvalidDataException ex)
        {
            error.WriteLine($"A --storefront-config file is not valid JSON: {ex.Message}");
            return ExitCodes.Invalid;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            error.WriteLine($"harness error: could not start or reach the storefront and its simulators: {ex.Message}");
            return ExitCodes.HarnessError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("harness error: the run was cancelled while the storefront and its simulators were starting; they are stopped, nothing was judged.");
            return ExitCodes.HarnessError;
        }

        RunReport report;
        await using (environment.ConfigureAwait(false))
        {
            report = await DriveAsync(settings, scenario, agentOptions, environment.Target, environment.Target.Storefront, outDirectory, view, error, time, cancellationToken).ConfigureAwait(false);
        }

        return Finish(report with { StorefrontConfig = settings.StorefrontConfig.Select(Path.GetFullPath).ToArray() }, outDirectory, view);
    }

    private static async Task<IRunEnvironment> StartEnvironmentAsync(Settings settings, Scenario scenario, string workDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        var seed = scenario.Seed;

        // A crash must kill the storefront, which it cannot do to a storefront inside this process: run it as a child.
        if (settings.MultiProcess || (CrashOf(scenario) is not null && settings.StorefrontUrl is null))
        {
            return await MultiProcessEnvironment.StartAsync(seed, workDirectory, scenario.StorefrontSettings, settings.StorefrontConfig, time, cancellationToken).ConfigureAwait(false);
        }

        if (settings.StorefrontUrl is { } storefrontUrl && settings.SimulatorsUrl is { } simulatorsUrl)
        {
            var admin = settings.Admin ?? new AdminSettings();
            var credentials = admin.Token is { } token ? StorefrontCredentials.AdminToken(token)
                : admin.Key is { } key ? StorefrontCredentials.AdminKey(key)
                : null;
            return await RemoteEnvironment.ConnectAsync(
                new Uri(storefrontUrl),
                new Uri(simulatorsUrl),
                credentials,
                admin.User ?? AdminSignIn.DefaultUser,
                admin.Password ?? AdminSignIn.DefaultPassword,
                time,
                cancellationToken).ConfigureAwait(false);
        }

        return await LocalEnvironment.StartAsync(seed, workDirectory, scenario.StorefrontSettings, settings.StorefrontConfig, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a scenario that names a system file: starts its mapped simulators and its service (killed at the end, on
    /// Ctrl-C and on any failure), drives its journeys, judges, writes the reports.
    /// </summary>
    private static async Task<int> RunSystemAsync(Settings settings, Scenario scenario, AgentOptions agentOptions, string outDirectory, RunConsole view, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var system = scenario.System!;
        if (settings.StorefrontUrl is not null || settings.SimulatorsUrl is not null || settings.MultiProcess || settings.StorefrontConfig.Count > 0 || settings.Admin is { Token: not null } or { Key: not null } or { User: not null } or { Password: not null })
        {
            error.WriteLine($"{scenario.SourcePath}: system: the scenario rehearses {system.Name} ({system.SourcePath}); --storefront-url, --simulators-url, --multi-process, --storefront-config and the --admin options apply only to the storefront; leave them out.");
            return ExitCodes.Invalid;
        }

        if (CrashOf(scenario) is { } crash && system.Service.Url is { } reached)
        {
            error.WriteLine($"{scenario.SourcePath}: faults: {crash.Name}: kind: crash kills the service's process, and {system.Name} is reached at {reached}, which Chaos did not start; "
                + "let Chaos start it (service: command: in the system file), or remove the fault.");
            return ExitCodes.Invalid;
        }

        if (system.Service.Url is { } url && (settings.ServiceEnv is { Count: > 0 } || settings.ServiceConfig is { Count: > 0 }))
        {
            error.WriteLine($"{system.SourcePath}: service: {system.Name} is reached at {url}, which Chaos does not start, so --service-env and --service-config cannot reach it; "
                + "configure it where it runs, or let Chaos start it (service: command:).");
            return ExitCodes.Invalid;
        }

        if (ServiceConfigEnvironment(settings.ServiceConfig ?? [], error) is not { } environment)
        {
            return ExitCodes.Invalid;
        }

        foreach (var pair in settings.ServiceEnv ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error.WriteLine($"--service-env {pair}: expected NAME=VALUE, like Bank__RetryPosts=false.");
                return ExitCodes.Invalid;
            }

            environment[pair[..equals]] = pair[(equals + 1)..];
        }

        view.Starting(scenario, outDirectory);
        SystemEnvironment started;
        try
        {
            started = await SystemEnvironment.StartAsync(system, scenario.Seed, Path.Combine(outDirectory, "service"), environment, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or SocketException or HttpRequestException)
        {
            error.WriteLine($"harness error: could not start or reach {system.Name} and its simulated dependencies: {ex.Message}");
            return ExitCodes.HarnessError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"harness error: the run was cancelled while {system.Name} and its simulated dependencies were starting; they are stopped, nothing was judged.");
            return ExitCodes.HarnessError;
        }

        RunReport report;
        await using (started.ConfigureAwait(false))
        {
            report = await DriveAsync(settings, scenario, agentOptions, started.Target, started.Target.Service, outDirectory, view, error, time, cancellationToken).ConfigureAwait(false);
        }

        return Finish(report with { ServiceConfig = (settings.ServiceConfig ?? []).Select(Path.GetFullPath).ToArray() }, outDirectory, view);
    }

    /// <summary>
    /// Runs the scenario against <paramref name="target"/>, whose service is at <paramref name="service"/>: its load from
    /// agents (<c>--agents</c>), or from this process with the live view.
    /// </summary>
    private static async Task<RunReport> DriveAsync(
        Settings settings, Scenario scenario, AgentOptions agentOptions, IRunTarget target, Uri service, string outDirectory, RunConsole view, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        if (agentOptions.Count == 0)
        {
            var runner = new ScenarioRunner(time) { FailFast = settings.FailFast };
            return await view.RunAsync(onTick => runner.RunAsync(scenario, target, onTick, cancellationToken)).ConfigureAwait(false);
        }

        var scenarioYaml = await File.ReadAllTextAsync(ScenarioErrors.Resolve(settings.ScenarioPath), cancellationToken).ConfigureAwait(false);
        return await AgentRun.RunAsync(agentOptions, scenario, scenarioYaml, settings.LoadScale, target, service, outDirectory, view, error, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the run's reports into <paramref name="outDirectory"/> and shows its verdict; returns its exit code.</summary>
    private static int Finish(RunReport report, string outDirectory, RunConsole view)
    {
        var files = ReportWriter.WriteAll(report, outDirectory);
        view.Finished(report, files);
        return report.ExitCode;
    }

    /// <summary>
    /// The settings of one run of <c>compare</c> or <c>matrix</c>: <paramref name="config"/> is a storefront configuration
    /// for a storefront scenario and a service configuration for one that names a system file.
    /// </summary>
    internal static Settings ForConfiguration(string scenarioPath, Scenario scenario, string config, string outDirectory, bool quiet) =>
        scenario.System is null
            ? new Settings(ScenarioPath: scenarioPath, OutDirectory: outDirectory, StorefrontConfig: [config], Quiet: quiet)
            : new Settings(ScenarioPath: scenarioPath, OutDirectory: outDirectory, StorefrontConfig: [], Quiet: quiet, ServiceConfig: [config]);

    /// <summary>
    /// The environment variables of <c>--service-config</c> files: every value of each JSON file under its .NET
    /// configuration key with <c>__</c> between sections (<c>Bank__RetryPosts</c>), as the JSON wrote it, later files over earlier ones. Null, with
    /// the file and the reason written, when a file is missing or not JSON.
    /// </summary>
    internal static Dictionary<string, string>? ServiceConfigEnvironment(IReadOnlyList<string> files, TextWriter error)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                error.WriteLine($"--service-config {file}: no such file; pass the path of an appsettings-style JSON file, like {{ \"Bank\": {{ \"RetryPosts\": false }} }}.");
                return null;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                error.WriteLine($"--service-config {file}: not valid JSON ({ex.Message}); fix the file.");
                return null;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    error.WriteLine($"--service-config {file}: the top level is {document.RootElement.ValueKind}, not an object; write it like {{ \"Bank\": {{ \"RetryPosts\": false }} }}.");
                    return null;
                }

                Flatten(document.RootElement, "", environment);
            }
        }

        return environment;
    }

    /// <summary>Adds every value under <paramref name="element"/> as <c>Section__Key</c> (list items by index), as JSON wrote it.</summary>
    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> environment)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}__{property.Name}", environment);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, string.Create(CultureInfo.InvariantCulture, $"{prefix}__{index++}"), environment);
                }

                break;
            case JsonValueKind.String:
                environment[prefix] = element.GetString()!;
                break;
            case JsonValueKind.Null:
                environment[prefix] = "";
                break;
            default:
                environment[prefix] = element.GetRawText();
                break;
        }
    }

    /// <summary>The first fault of the scenario that crashes the system under test, or null.</summary>
    private static FaultWindow? CrashOf(Scenario scenario) => scenario.Faults.FirstOrDefault(f => f.Fault.IsServiceLevel);

    /// <summary>Checks how the target options combine; returns what is wrong and how to fix it, or null.</summary>
    private static string? Usage(Settings settings)
    {
        if (settings.FailFast && settings.Agents > 0)
        {
            return "--fail-fast judges the load as it runs, and with --agents the load runs in the agents; leave out one of them.";
        }

        var remote = settings.StorefrontUrl is not null || settings.SimulatorsUrl is not null;
        var admin = settings.Admin ?? new AdminSettings();
        var adminGiven = admin.Token is not null || admin.Key is not null || admin.User is not null || admin.Password is not null;
        foreach (var (name, value) in new[] { ("--storefront-url", settings.StorefrontUrl), ("--simulators-url", settings.SimulatorsUrl) })
        {
            if (value is not null && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                return $"{name} {value}: not an http(s) URL; pass one like http://127.0.0.1:8080.";
            }
        }

        return (remote, settings) switch
        {
            (true, { MultiProcess: true }) => "--multi-process starts its own storefront and simulators; leave out --storefront-url and --simulators-url, or --multi-process.",
            (true, { StorefrontUrl: null }) => "--simulators-url needs --storefront-url: pass the URL of the storefront wired to those simulators.",
            (true, { SimulatorsUrl: null }) => "--storefront-url needs --simulators-url: pass the control endpoint of `chaos simulate`, for example http://127.0.0.1:5300.",
            (true, { StorefrontConfig.Count: > 0 }) => "--storefront-config applies only to a storefront chaos starts; configure a storefront started elsewhere where it runs.",
            (false, _) when adminGiven => "--admin-token, --admin-key, --admin-user and --admin-password apply only with --storefront-url; chaos mints its own credentials for a storefront it starts.",
            _ when admin.Token is not null && admin.Key is not null => "--admin-token and --admin-key are exclusive; pass the one your storefront accepts.",
            _ => null,
        };
    }
}
