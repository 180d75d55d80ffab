namespace Chaos.Simulators.Fulfillment;

/// <summary>Options of a <see cref="FulfillmentHostSimulator"/>.</summary>
public sealed record FulfillmentHostSimulatorOptions : DependencySimulatorOptions
{
    /// <summary>Gets the host's name, as the storefront's <c>Fulfillment:Hosts</c> names it.</summary>
    /// <value>Defaults to <c>fc-1</c>.</value>
    public string Name { get; init; } = "fc-1";

    /// <summary>Gets the host's tags, for example <c>os: windows</c>; a fault can target a cohort by tag.</summary>
    /// <value>Defaults to no tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
