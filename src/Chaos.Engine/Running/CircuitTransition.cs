namespace Chaos.Engine.Running;

/// <summary>A dependency's circuit seen in a new state at an offset.</summary>
public sealed record CircuitTransition(string Dependency, TimeSpan At, string State);
