namespace Chaos.Simulators;

/// <summary>
/// What every simulator's options share: where it listens, the seed of its fault decisions and its clock. A
/// simulator's own options add its name and what it alone needs.
/// </summary>
public abstract record DependencySimulatorOptions
{
    /// <summary>Gets the seed of the fault injection decisions.</summary>
    /// <value>Defaults to 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the loopback URL to listen on; port 0 picks a free port.</summary>
    /// <value>Defaults to <c>http://127.0.0.1:0</c>.</value>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>Gets the time provider for injected latency, the journal's timestamps and the simulator's own (charges, shipments, tokens).</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
