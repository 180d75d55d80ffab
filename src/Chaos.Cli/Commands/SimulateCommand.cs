using System.CommandLine;
using System.Globalization;
using Chaos.Simulators;
using Chaos.Simulators.Remote;
using Spectre.Console;

namespace Chaos.Cli.Commands;

/// <summary>
/// <c>chaos simulate</c>: hosts the simulated dependencies as a standalone process, with the control endpoint a fault
/// player in another process drives (<c>chaos run --simulators-url</c>), until Ctrl+C or SIGTERM.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>The ports <c>chaos simulate</c> listens on by default (those of the storefront's appsettings.json).</summary>
    public const int DefaultPaymentsPrimaryPort = 5201;

    /// <summary>The default port of the secondary payment gateway.</summary>
    public const int DefaultPaymentsSecondaryPort = 5202;

    /// <summary>The default port of the identity provider.</summary>
    public const int DefaultIdentityPort = 5301;

    /// <summary>The default port of the tax service.</summary>
    public const int DefaultTaxPort = 5203;

    /// <summary>The default port of the control endpoint.</summary>
    public const int DefaultControlPort = 5300;

    /// <summary>The default port of the first fulfillment host; the pool takes the ports after it.</summary>
    public const int DefaultFulfillmentBasePort = 5401;

    /// <summary>The settings of <c>chaos simulate</c>.</summary>
    /// <param name="Simulators">Where the simulators listen and their seed.</param>
    /// <param name="ControlPort">The control endpoint's port (on the same address); 0 picks a free one.</param>
    public sealed record Settings(SimulatorSetOptions Simulators, int ControlPort);

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var bind = new Option<string>("--bind") { Description = "The address every simulator and the control endpoint bind to.", DefaultValueFactory = _ => "127.0.0.1" };
        var primary = Port("--payments-primary-port", "the primary payment gateway", DefaultPaymentsPrimaryPort);
        var secondary = Port("--payments-secondary-port", "the secondary payment gateway", DefaultPaymentsSecondaryPort);
        var identity = Port("--identity-port", "the identity provider", DefaultIdentityPort);
        var tax = Port("--tax-port", "the tax service", DefaultTaxPort);
        var control = Port("--control-port", "the control endpoint", DefaultControlPort);
        var fulfillmentPort = Port("--fulfillment-base-port", "the first fulfillment host (the others follow it)", DefaultFulfillmentBasePort);
        var fulfillmentHosts = new Option<int>("--fulfillment-hosts") { Description = "How many fulfillment hosts the primary centre has (tagged centre: primary).", DefaultValueFactory = _ => 6 };
        var backupHosts = new Option<int>("--backup-hosts") { Description = "How many hosts the backup centre has (fc-backup-<n>, tagged centre: backup and os: linux; their ports follow the primary's).", DefaultValueFactory = _ => 2 };
        var windowsHosts = new Option<int>("--windows-hosts") { Description = "How many of them are tagged os: windows (the first ones); the rest are os: linux.", DefaultValueFactory = _ => 4 };
        var identityPublicUrl = new Option<Uri?>("--identity-public-url") { Description = "The URL the storefront reaches the identity provider by, when not the one it listens on (containers: http://simulators:5301)." };
        var seed = new Option<int>("--seed") { Description = "The seed of the fault decisions.", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Host the simulated dependencies and their control endpoint as a standalone process (for docker-compose or a storefront elsewhere), until Ctrl+C.")
        {
            bind, primary, secondary, identity, tax, control, fulfillmentPort, fulfillmentHosts, windowsHosts, backupHosts, identityPublicUrl, seed,
        };
        command.SetAction((result, cancellationToken) => ExecuteAsync(
            new Settings(
                new SimulatorSetOptions
                {
                    BindAddress = result.GetRequiredValue(bind),
                    PaymentsPrimaryPort = result.GetRequiredValue(primary),
                    PaymentsSecondaryPort = result.GetRequiredValue(secondary),
                    IdentityPort = result.GetRequiredValue(identity),
                    IdentityPublicUrl = result.GetValue(identityPublicUrl),
                    TaxPort = result.GetRequiredValue(tax),
                    FulfillmentBasePort = result.GetRequiredValue(fulfillmentPort),
                    FulfillmentHosts = result.GetRequiredValue(fulfillmentHosts),
                    WindowsFulfillmentHosts = result.GetRequiredValue(windowsHosts),
                    BackupFulfillmentHosts = result.GetRequiredValue(backupHosts),
                    Seed = result.GetRequiredValue(seed),
                },
                result.GetRequiredValue(control)),
            console,
            error,
            cancellationToken));
        return command;
    }

    /// <summary>Hosts the simulators until <paramref name="cancellationToken"/> is cancelled; returns the exit code.</summary>
    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        var errors = settings.Simulators.Validate().ToList();
        if (settings.ControlPort is < 0 or > 65535)
        {
            errors.Add($"control port {settings.ControlPort} is outside [0, 65535]; use 0 for a free port.");
        }

        if (errors.Count > 0)
        {
            foreach (var message in errors)
            {
                error.WriteLine($"chaos simulate: {message}");
            }

            return ExitCodes.Invalid;
        }

        SimulatorSet simulators;
        try
        {
            simulators = SimulatorSet.Start(settings.Simulators);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            error.WriteLine($"chaos simulate: could not start the simulators: {ex.Message}. Is a port taken? Pick others with --*-port, or 0 for free ones.");
            return ExitCodes.HarnessError;
        }

        await using (simulators.ConfigureAwait(false))
        {
            SimulatorControlServer server;
            try
            {
                server = await SimulatorControlServer.StartAsync(simulators, settings.Simulators.BindAddress, settings.ControlPort, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM while starting: stop as asked.
                return ExitCodes.Pass;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                error.WriteLine($"chaos simulate: could not start the control endpoint on port {settings.ControlPort}: {ex.Message}. Pick another with --control-port.");
                return ExitCodes.HarnessError;
            }

            await using (server.ConfigureAwait(false))
            {
                var width = simulators.Dependencies.Max(d => d.Name.Length) + 2;
                foreach (var dependency in simulators.Dependencies)
                {
                    console.WriteLine(dependency.Name.PadRight(width) + dependency.BaseUrl.AbsoluteUri);
                }

                console.WriteLine("control".PadRight(width) + server.Url.AbsoluteUri);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Simulators ready (seed {settings.Simulators.Seed}); faults through {server.Url}control/dependencies. Ctrl+C stops them."));
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    console.WriteLine("Stopping the simulators.");
                }
            }
        }

        return ExitCodes.Pass;
    }

    private static Option<int> Port(string name, string what, int defaultPort) => new(name)
    {
        Description = $"The port of {what}; 0 picks a free one.",
        DefaultValueFactory = _ => defaultPort,
    };
}
