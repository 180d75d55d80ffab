using System.Globalization;
using System.Text.RegularExpressions;
using Chaos.Hosting;
using Chaos.Simulators;
using Chaos.Storefront;
using Chaos.Targets.Storefront;
using Microsoft.Extensions.Configuration;

namespace Chaos.Cli.Hosting;

/// <summary>
/// The multi-process set-up: <c>chaos simulate</c> and the storefront as two OS processes on 127.0.0.1 at free ports,
/// wired by command-line configuration, driven through the remote path (the control endpoint, the storefront's URL and
/// login) exactly as a docker-compose deployment would be. Disposing it stops both processes, also after a failure.
/// The storefront is a <see cref="RestartableProcess"/>: a <c>kind: crash</c> fault kills it and starts it again on the
/// same address and SQLite file (<see cref="StorefrontTarget.Service"/>).
/// </summary>
internal sealed partial class MultiProcessEnvironment : IRunEnvironment
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly ChildProcess _simulators;
    private readonly RestartableProcess _storefront;
    private readonly RemoteEnvironment _remote;

    private MultiProcessEnvironment(ChildProcess simulators, RestartableProcess storefront, RemoteEnvironment remote, string databasePath)
    {
        _simulators = simulators;
        _storefront = storefront;
        _remote = remote;
        DatabasePath = databasePath;
    }

    /// <inheritdoc />
    public StorefrontTarget Target => _remote.Target with { Service = _storefront };

    /// <summary>Gets the storefront's SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>Gets the process ids of the simulators and the storefront.</summary>
    public IReadOnlyList<int> ProcessIds => [_simulators.Id, _storefront.Id];

    /// <summary>
    /// Starts the simulators, then the storefront wired to them, waits until both are ready and logs in as admin.
    /// The processes' output goes to <c>simulators.log</c> and <c>storefront.log</c> in <paramref name="workDirectory"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A process exited or was not ready in time; the message has its last lines.</exception>
    public static async Task<MultiProcessEnvironment> StartAsync(
        int seed, string workDirectory, IReadOnlyDictionary<string, string> scenarioSettings, IReadOnlyList<string> storefrontConfigFiles, TimeProvider time, CancellationToken cancellationToken)
    {
        var wiring = StorefrontWiring.InFreshFolder(workDirectory);
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        ChildProcess? simulators = null;
        RestartableProcess? storefront = null;
        RemoteEnvironment? remote = null;
        try
        {
            simulators = ChildProcess.StartDotnet(
                "chaos simulate",
                typeof(ChaosApp).Assembly.Location,
                [
                    "simulate", "--bind", "127.0.0.1", "--seed", seed.ToString(CultureInfo.InvariantCulture),
                    "--payments-primary-port", "0", "--payments-secondary-port", "0", "--identity-port", "0", "--tax-port", "0", "--control-port", "0",
                    "--fulfillment-base-port", "0",
                ],
                workDirectory,
                Path.Combine(workDirectory, "simulators.log"),
                environment);
            var controlUrl = new Uri((await simulators.WaitForLineAsync(ControlLine(), StartTimeout, time, cancellationToken).ConfigureAwait(false)).Groups["url"].Value);

            using (var control = await Chaos.Simulators.Remote.SimulatorControlClient.ConnectAsync(controlUrl, timeout: null, cancellationToken).ConfigureAwait(false))
            {
                var arguments = new List<string>();
                // Later arguments win: the scenario's timings, then the files, then the wiring.
                arguments.AddRange(ConfigurationArguments(scenarioSettings.ToDictionary(pair => pair.Key, string? (pair) => pair.Value)));
                arguments.AddRange(ConfigurationArguments(FlattenFiles(storefrontConfigFiles)));
                arguments.AddRange(ConfigurationArguments(SimulatorSet.StorefrontConfiguration(control.Dependencies)));
                arguments.AddRange(ConfigurationArguments(wiring.Settings));
                storefront = await RestartableProcess.StartAsync(
                    urls => ChildProcess.StartDotnet(
                        "the storefront",
                        typeof(StorefrontApp).Assembly.Location,
                        ["--urls", urls, .. arguments],
                        workDirectory,
                        Path.Combine(workDirectory, "storefront.log"),
                        environment),
                    "http://127.0.0.1:0",
                    (process, timeout, token) => StorefrontReadyAsync(process, timeout, time, token),
                    StartTimeout,
                    time,
                    cancellationToken).ConfigureAwait(false);
                remote = await RemoteEnvironment.ConnectAsync(
                    storefront.Url, controlUrl, admin: null, AdminSignIn.DefaultUser, AdminSignIn.DefaultPassword, time, cancellationToken).ConfigureAwait(false);
                return new MultiProcessEnvironment(simulators, storefront, remote, wiring.DatabasePath);
            }
        }
        catch
        {
            if (remote is not null)
            {
                await remote.DisposeAsync().ConfigureAwait(false);
            }

            if (storefront is not null)
            {
                await storefront.DisposeAsync().ConfigureAwait(false);
            }

            if (simulators is not null)
            {
                await simulators.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _remote.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await _storefront.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                await _simulators.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Waits for the storefront's "Now listening on" line, then for <c>/health/ready</c>; a storefront that rejected its
    /// configuration is reported as such.
    /// </summary>
    private static async Task<Uri> StorefrontReadyAsync(ChildProcess storefront, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var start = time.GetTimestamp();
            var url = new Uri((await storefront.WaitForLineAsync(ListeningLine(), timeout, time, cancellationToken).ConfigureAwait(false)).Groups["url"].Value.TrimEnd('/') + "/");
            using var probe = new StorefrontClient(url, StorefrontCredentials.AdminKey("none"));
            var remaining = timeout - time.GetElapsedTime(start);
            await probe.WaitUntilReadyAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time, cancellationToken).ConfigureAwait(false);
            return url;
        }
        catch (InvalidOperationException ex) when (storefront.HasExited)
        {
            var failures = storefront.RecentLines()
                .Select(line => OptionsFailure().Match(line))
                .Where(match => match.Success)
                .Select(match => match.Groups["failure"].Value)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (failures.Length > 0)
            {
                throw new StorefrontConfigurationException(ex.Message, failures);
            }

            throw;
        }
    }

    /// <summary>Layers the appsettings-style files, later files winning, into flat configuration keys.</summary>
    private static IReadOnlyDictionary<string, string?> FlattenFiles(IReadOnlyList<string> files)
    {
        var builder = new ConfigurationBuilder();
        foreach (var file in files)
        {
            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        return builder.Build().AsEnumerable().Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    private static IEnumerable<string> ConfigurationArguments(IReadOnlyDictionary<string, string?> settings) =>
        settings.Select(pair => $"--{pair.Key}={pair.Value}");

    [GeneratedRegex(@"^control\s+(?<url>http://\S+)")]
    private static partial Regex ControlLine();

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"OptionsValidationException: (?<failure>.+)$")]
    private static partial Regex OptionsFailure();
}
