namespace Chaos.Simulators;

/// <summary>Options of a <see cref="SimulatorSet"/>: where every simulator listens and the seed of their fault decisions.</summary>
public sealed record SimulatorSetOptions
{
    /// <summary>Gets the address every simulator binds to.</summary>
    /// <value>Defaults to <c>127.0.0.1</c>. Bind to all interfaces only inside a container.</value>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Gets the port of the primary payment gateway; 0 picks a free port.</summary>
    /// <value>Defaults to 0.</value>
    public int PaymentsPrimaryPort { get; init; }

    /// <summary>Gets the port of the secondary payment gateway; 0 picks a free port.</summary>
    /// <value>Defaults to 0.</value>
    public int PaymentsSecondaryPort { get; init; }

    /// <summary>Gets the port of the identity provider; 0 picks a free port.</summary>
    /// <value>Defaults to 0.</value>
    public int IdentityPort { get; init; }

    /// <summary>Gets the port of the tax service; 0 picks a free port.</summary>
    /// <value>Defaults to 0.</value>
    public int TaxPort { get; init; }

    /// <summary>
    /// Gets how long each payment gateway takes to serve a healthy request. Compressed from the hundreds of
    /// milliseconds of real gateways, so that scenarios stay fast, but above what a loopback call costs: a storefront
    /// whose attempt timeout is below it fails every charge, as it would against a real gateway.
    /// </summary>
    /// <value>Defaults to 20 milliseconds.</value>
    public TimeSpan PaymentServiceTime { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Gets the URL the storefront reaches the identity provider by, if not the one it listens on (containers).</summary>
    /// <value>Defaults to null.</value>
    public Uri? IdentityPublicUrl { get; init; }

    /// <summary>Gets how many fulfillment hosts the primary centre has (tagged <c>centre: primary</c>).</summary>
    /// <value>Defaults to 6, as in the EDR incident's pool: mixed Windows and Linux hosts.</value>
    public int FulfillmentHosts { get; init; } = 6;

    /// <summary>Gets how many of the fulfillment hosts are tagged <c>os: windows</c> (the first ones); the rest are <c>os: linux</c>.</summary>
    /// <value>Defaults to 4.</value>
    public int WindowsFulfillmentHosts { get; init; } = 4;

    /// <summary>
    /// Gets how many hosts the backup fulfillment centre has (<c>fc-backup-&lt;n&gt;</c>, tagged <c>centre: backup</c>,
    /// <c>os: linux</c>); they follow the <see cref="FulfillmentHosts"/> of the primary centre.
    /// </summary>
    /// <value>Defaults to 2.</value>
    public int BackupFulfillmentHosts { get; init; } = 2;

    /// <summary>Gets the port of the first fulfillment host (the others follow it); 0 picks a free port for each.</summary>
    /// <value>Defaults to 0.</value>
    public int FulfillmentBasePort { get; init; }

    /// <summary>Gets the seed of the fault decisions; each simulator derives its own from it.</summary>
    /// <value>Defaults to 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the time provider of every simulator.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks the options; returns every problem, each saying how to fix it.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!System.Net.IPAddress.TryParse(BindAddress, out _))
        {
            errors.Add($"bind address '{BindAddress}' is not an IP address; use 127.0.0.1.");
        }

        foreach (var (name, port) in new[] { ("payments primary", PaymentsPrimaryPort), ("payments secondary", PaymentsSecondaryPort), ("identity", IdentityPort), ("tax", TaxPort) })
        {
            if (port is < 0 or > 65535)
            {
                errors.Add($"{name} port {port} is outside [0, 65535]; use 0 for a free port.");
            }
        }

        var fixedPorts = new[] { PaymentsPrimaryPort, PaymentsSecondaryPort, IdentityPort, TaxPort }.Where(p => p > 0).ToArray();
        if (fixedPorts.Length != fixedPorts.Distinct().Count())
        {
            errors.Add($"two simulators share a port ({string.Join(", ", fixedPorts)}); give each its own.");
        }

        if (PaymentServiceTime < TimeSpan.Zero || PaymentServiceTime > TimeSpan.FromSeconds(10))
        {
            errors.Add($"PaymentServiceTime {PaymentServiceTime} is outside [0, 10 s]; use 20 ms (a healthy gateway's compressed answer time).");
        }

        if (FulfillmentHosts is < 0 or > 64)
        {
            errors.Add($"FulfillmentHosts {FulfillmentHosts} is outside [0, 64]; use 6 for the EDR incident's pool.");
        }

        if (BackupFulfillmentHosts < 0 || FulfillmentHosts + BackupFulfillmentHosts > 64)
        {
            errors.Add($"BackupFulfillmentHosts {BackupFulfillmentHosts} must be at least 0 and, with FulfillmentHosts ({FulfillmentHosts}), at most 64 hosts; use 2.");
        }

        if (WindowsFulfillmentHosts < 0 || WindowsFulfillmentHosts > FulfillmentHosts)
        {
            errors.Add($"WindowsFulfillmentHosts {WindowsFulfillmentHosts} must be in [0, FulfillmentHosts ({FulfillmentHosts})].");
        }

        if (FulfillmentBasePort != 0 && (FulfillmentBasePort < 1 || FulfillmentBasePort + FulfillmentHosts + BackupFulfillmentHosts - 1 > 65535))
        {
            errors.Add($"FulfillmentBasePort {FulfillmentBasePort} leaves no room for {FulfillmentHosts + BackupFulfillmentHosts} consecutive ports; use 0 for free ports.");
        }

        return errors;
    }
}
