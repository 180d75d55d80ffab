namespace Chaos.Simulators.Tax;

/// <summary>Options of a <see cref="TaxServiceSimulator"/>.</summary>
public sealed record TaxServiceSimulatorOptions : DependencySimulatorOptions
{
    /// <summary>Gets the dependency name the simulator plays.</summary>
    /// <value>Defaults to <c>tax</c>.</value>
    public string Name { get; init; } = SimulatorSet.TaxName;

    /// <summary>Gets the tax rate applied to a quote's subtotal, in [0, 1].</summary>
    /// <value>Defaults to 0.0825 (8.25%).</value>
    public decimal Rate { get; init; } = TaxServiceSimulator.DefaultRate;
}
