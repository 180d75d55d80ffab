namespace Chaos.Simulators.Remote;

/// <summary>A simulated dependency as <c>GET /control/dependencies</c> lists it.</summary>
/// <param name="Name">The dependency name, for example <c>payments.primary</c>.</param>
/// <param name="BaseUrl">The base URL the simulator listens on (its bind address, which a client in a container may reach by another name).</param>
/// <param name="Tags">The host's tags, for example <c>os: windows</c> (a fault can target a cohort by tag); <c>null</c> for none.</param>
public sealed record ControlDependency(string Name, Uri BaseUrl, IReadOnlyDictionary<string, string>? Tags = null);
