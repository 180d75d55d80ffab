namespace Chaos.Simulators.Tax;

/// <summary>Options of a <see cref="TaxServiceSimulator"/>.</summary>
public sealed record TaxServiceSimulatorOptions
{
    /// <summary>Gets the dependency name the simulator plays.</summary>
    /// <value>Defaults to <c>tax</c>.</value>
    public string Name { get; init; } = SimulatorSet.TaxName;

    /// <summary>Gets the tax rate applied to a quote's subtotal, in [0, 1].</summary>
    /// <value>Defaults to 0.0825 (8.25%).</value>
    public decimal Rate { get; init; } = TaxServiceSimulator.DefaultRate;

    /// <summary>Gets the seed of the fault injection decisions.</summary>
    /// <value>Defaults to 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the loopback URL to listen on; port 0 picks a free port.</summary>
    /// <value>Defaults to <c>http://127.0.0.1:0</c>.</value>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>Gets the time provider for injected latency and the journal's timestamps.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
