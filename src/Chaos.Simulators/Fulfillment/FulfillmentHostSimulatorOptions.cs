namespace Chaos.Simulators.Fulfillment;

/// <summary>Options of a <see cref="FulfillmentHostSimulator"/>.</summary>
public sealed record FulfillmentHostSimulatorOptions
{
    /// <summary>Gets the host's name, as the storefront's <c>Fulfillment:Hosts</c> names it.</summary>
    /// <value>Defaults to <c>fc-1</c>.</value>
    public string Name { get; init; } = "fc-1";

    /// <summary>Gets the host's tags, for example <c>os: windows</c>; a fault can target a cohort by tag.</summary>
    /// <value>Defaults to no tags.</value>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the seed of the fault injection decisions.</summary>
    /// <value>Defaults to 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the loopback URL to listen on; port 0 picks a free port.</summary>
    /// <value>Defaults to <c>http://127.0.0.1:0</c>.</value>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>Gets the time provider for timestamps and injected latency.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
