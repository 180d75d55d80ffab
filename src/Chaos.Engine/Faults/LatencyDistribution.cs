namespace Chaos.Engine.Faults;

/// <summary>How a <see cref="FaultKind.Latency"/> fault draws its delay.</summary>
public enum LatencyDistribution
{
    /// <summary>Always <see cref="FaultSpec.Delay"/>.</summary>
    Fixed,

    /// <summary>Uniform between <see cref="FaultSpec.MinDelay"/> and <see cref="FaultSpec.MaxDelay"/>.</summary>
    Uniform,

    /// <summary>Log-normal with median <see cref="FaultSpec.P50"/> and 99th percentile <see cref="FaultSpec.P99"/>, capped at <see cref="FaultSpec.MaxDelay"/> when set.</summary>
    LongTail,
}
