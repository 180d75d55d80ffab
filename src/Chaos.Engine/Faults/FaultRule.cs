namespace Chaos.Engine.Faults;

/// <summary>A fault applied to one dependency under a name, so that it can be cleared by name.</summary>
/// <param name="Name">The fault window's name.</param>
/// <param name="Route">The route it is limited to, or null for every route.</param>
/// <param name="Fault">The fault.</param>
public sealed record FaultRule(string Name, string? Route, FaultSpec Fault);
