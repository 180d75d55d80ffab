using System.Net;
using System.Security.Cryptography;
using Chaos.Engine.Running;
using Chaos.Simulators.Payments;
using Chaos.Storefront;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Chaos.Cli.Hosting;

/// <summary>
/// The embedded set-up: the payment-gateway simulators and the storefront, all in this process, on
/// 127.0.0.1 at free ports, with the storefront's SQLite file in a fresh folder. The storefront is wired to
/// the simulators only through its configuration, exactly as it would be wired to real gateways.
/// </summary>
internal sealed class LocalEnvironment : IAsyncDisposable
{
    private readonly List<PaymentGatewaySimulator> _gateways;
    private readonly WebApplication _storefront;

    private LocalEnvironment(List<PaymentGatewaySimulator> gateways, WebApplication storefront, RunTarget target, string databasePath)
    {
        _gateways = gateways;
        _storefront = storefront;
        Target = target;
        DatabasePath = databasePath;
    }

    /// <summary>Gets what a run drives.</summary>
    public RunTarget Target { get; }

    /// <summary>Gets the storefront's SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Starts the simulators and the storefront. Configuration layers, last wins: the storefront's
    /// appsettings.json, then each <paramref name="storefrontConfigFiles"/> in order, then the wiring
    /// (dependency URLs, database path, admin key) that the harness owns.
    /// </summary>
    public static async Task<LocalEnvironment> StartAsync(int seed, string workDirectory, IReadOnlyList<string> storefrontConfigFiles, CancellationToken cancellationToken)
    {
        // A run starts on a fresh database: orders left by an earlier run in the same folder would be
        // reconciled against this run's gateways and reported as lost or uncharged.
        if (Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }

        Directory.CreateDirectory(workDirectory);
        var gateways = new List<PaymentGatewaySimulator>();
        try
        {
            gateways.Add(PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Name = "payments.primary", Seed = seed }));
            gateways.Add(PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Name = "payments.secondary", Seed = unchecked(seed + 1) }));
            var databasePath = Path.GetFullPath(Path.Combine(workDirectory, "storefront.db"));
            var adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var wiring = new Dictionary<string, string?>
            {
                ["Storefront:DatabasePath"] = databasePath,
                ["Admin:ApiKey"] = adminKey,
                ["Payments:Primary:BaseUrl"] = gateways[0].BaseUrl.ToString(),
                ["Payments:Secondary:BaseUrl"] = gateways[1].BaseUrl.ToString(),
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            };

            var app = StorefrontApp.Create([], builder =>
            {
                foreach (var file in storefrontConfigFiles)
                {
                    builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
                }

                builder.Configuration.AddInMemoryCollection(wiring);
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(workDirectory, "storefront.log"), TimeProvider.System));
                builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            });
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var url = app.Urls.First();
            var target = new RunTarget(new Uri(url.TrimEnd('/') + "/"), adminKey, gateways.Select(g => g.Control).ToArray());
            return new LocalEnvironment(gateways, app, target, databasePath);
        }
        catch
        {
            foreach (var gateway in gateways)
            {
                gateway.Dispose();
            }

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
            foreach (var gateway in _gateways)
            {
                gateway.Dispose();
            }
        }
    }
}
