namespace Chaos.Targets.Storefront;

/// <summary>One dependency's health and circuit state.</summary>
public sealed record DependencyStatus(string Name, string Circuit, bool Healthy);
