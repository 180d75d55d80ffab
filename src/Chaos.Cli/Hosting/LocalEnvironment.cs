using System.Net;
using Chaos.Simulators;
using Chaos.Simulators.Identity;
using Chaos.Storefront;
using Chaos.Targets.Storefront;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Chaos.Cli.Hosting;

/// <summary>
/// The embedded set-up: the simulators (a <see cref="SimulatorSet"/>) and the storefront, all in this process, on
/// 127.0.0.1 at free ports, with the storefront's SQLite file in a fresh folder. The storefront is wired to
/// the simulators only through its configuration, exactly as it would be wired to real dependencies.
/// </summary>
internal sealed class LocalEnvironment : IRunEnvironment
{
    /// <summary>How long the admin token minted for reconciliation is valid: longer than any run.</summary>
    private static readonly TimeSpan AdminTokenLifetime = TimeSpan.FromHours(12);

    /// <summary>How long the storefront may take to accept that token (it fetches the signing keys after start-up).</summary>
    private static readonly TimeSpan AdminAcceptTimeout = TimeSpan.FromSeconds(30);

    private readonly SimulatorSet _simulators;
    private readonly WebApplication _storefront;

    private LocalEnvironment(SimulatorSet simulators, WebApplication storefront, StorefrontTarget target, string databasePath)
    {
        _simulators = simulators;
        _storefront = storefront;
        Target = target;
        DatabasePath = databasePath;
    }

    /// <summary>Gets what a run drives.</summary>
    public StorefrontTarget Target { get; }

    /// <summary>Gets the storefront's SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Starts the simulators and the storefront. Configuration layers, last wins: the storefront's
    /// appsettings.json, then each <paramref name="storefrontConfigFiles"/> in order, then the wiring
    /// (dependency URLs, database path) that the harness owns.
    /// </summary>
    public static Task<LocalEnvironment> StartAsync(int seed, string workDirectory, IReadOnlyList<string> storefrontConfigFiles, CancellationToken cancellationToken) =>
        StartAsync(seed, workDirectory, new Dictionary<string, string>(), storefrontConfigFiles, cancellationToken);

    /// <summary>
    /// Starts the simulators and the storefront. Configuration layers, last wins: the storefront's
    /// appsettings.json, then the scenario's <paramref name="scenarioSettings"/> (its compressed timings), then each
    /// <paramref name="storefrontConfigFiles"/> in order, then the wiring (dependency URLs, database path) that the
    /// harness owns.
    /// </summary>
    public static async Task<LocalEnvironment> StartAsync(
        int seed, string workDirectory, IReadOnlyDictionary<string, string> scenarioSettings, IReadOnlyList<string> storefrontConfigFiles, CancellationToken cancellationToken)
    {
        var wiring = StorefrontWiring.InFreshFolder(workDirectory);
        var simulators = SimulatorSet.Start(new SimulatorSetOptions { Seed = seed });
        try
        {
            var app = StorefrontApp.Create([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(scenarioSettings.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));
                foreach (var file in storefrontConfigFiles)
                {
                    builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
                }

                builder.Configuration.AddInMemoryCollection(simulators.StorefrontConfiguration());
                builder.Configuration.AddInMemoryCollection(wiring.Settings);
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(workDirectory, "storefront.log"), TimeProvider.System));
                builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            });
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // A storefront that rejects its configuration must not leave its hosted services and log file open.
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            var url = app.Urls.First();
            var admin = StorefrontCredentials.AdminToken(
                simulators.IdentityProvider.IssueToken(AdminSignIn.DefaultUser, IdentityRoles.Admin, AdminTokenLifetime));
            var target = new StorefrontTarget(new Uri(url.TrimEnd('/') + "/"), admin, simulators.Controls) { Hosts = simulators.HostTargets() };
            try
            {
                await AdminSignIn.WaitUntilAcceptedAsync(target.Storefront, admin, AdminAcceptTimeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return new LocalEnvironment(simulators, app, target, wiring.DatabasePath);
        }
        catch
        {
            simulators.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _storefront.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _storefront.DisposeAsync().ConfigureAwait(false);
            _simulators.Dispose();
        }
    }
}
