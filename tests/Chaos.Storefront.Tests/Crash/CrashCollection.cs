namespace Chaos.Storefront.Tests.Crash;

/// <summary>
/// Crash tests start real storefront processes; they run alone, after the parallel tests, so neither side's timing
/// suffers from the other's CPU use on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "Crash";
}
