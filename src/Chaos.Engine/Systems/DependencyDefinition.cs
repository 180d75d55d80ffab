namespace Chaos.Engine.Systems;

/// <summary>
/// A dependency of the service that Chaos simulates: its healthy behaviour (WireMock.Net JSON mapping files), its
/// named routes, and how the service is pointed at the simulator.
/// </summary>
public sealed record DependencyDefinition
{
    /// <summary>Gets the dependency's name, for example <c>bank</c>; faults, journals and invariants refer to it.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the WireMock.Net JSON mapping files of its healthy behaviour, as absolute paths, in load order.</summary>
    public required IReadOnlyList<string> MappingFiles { get; init; }

    /// <summary>Gets its named routes, in file order.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<RouteDefinition> Routes { get; init; } = [];

    /// <summary>Gets the configuration keys the service reads the dependency's base URL from, for example <c>Bank:BaseAddress</c>.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<string> ConfigKeys { get; init; } = [];

    /// <summary>Gets how <see cref="ConfigKeys"/> reach the service.</summary>
    /// <value>Defaults to <see cref="ConfigPassing.Env"/>.</value>
    public ConfigPassing Pass { get; init; } = ConfigPassing.Env;

    /// <summary>Gets environment variables of any name that receive the base URL (for services not on .NET).</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<string> EnvVariables { get; init; } = [];

    /// <summary>
    /// Gets the name of the service's Polly pipeline in front of this dependency (the <c>pipeline.name</c> tag of its
    /// telemetry), whose circuit <c>timeToCircuitOpen</c> and <c>timeToRecover</c> judge; <c>BankClient</c> also matches
    /// <c>BankClient-standard</c>, a named client's standard resilience handler. Null when not declared.
    /// </summary>
    public string? Pipeline { get; init; }

    /// <summary>Gets the instances of a pool (host cohorts), or none for a single simulator.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<DependencyInstance> Instances { get; init; } = [];

    /// <summary>Gets the route of that name, or null.</summary>
    /// <param name="name">The route's name, for example <c>transfers</c>.</param>
    public RouteDefinition? Route(string name) => Routes.FirstOrDefault(r => r.Name == name);
}
