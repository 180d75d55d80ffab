namespace Chaos.Engine.Faults;

/// <summary>
/// A fault and the share of requests it is injected into. Decisions are seeded, so the same seed replays the same run.
/// </summary>
public sealed record FaultSpec
{
    /// <summary>The hold of a <see cref="FaultKind.Hang"/> fault when none is given.</summary>
    public static readonly TimeSpan DefaultHang = TimeSpan.FromSeconds(60);

    /// <summary>Gets the kind of fault.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary>
    /// Gets the share of matching requests the fault is injected into, in [0, 1]. For <see cref="FaultKind.HostDown"/> and
    /// <see cref="FaultKind.Flapping"/> it is the chance that the host goes down, drawn once per rule.
    /// </summary>
    /// <value>Defaults to 1.</value>
    public double InjectionRate { get; init; } = 1.0;

    /// <summary>Gets the status code answered by a <see cref="FaultKind.Status"/> fault.</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>Gets the <c>Retry-After</c> sent with a <see cref="FaultKind.Status"/> fault, if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the delay added by a fixed <see cref="FaultKind.Latency"/> fault.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Gets how a <see cref="FaultKind.Latency"/> fault draws its delay.</summary>
    /// <value>Defaults to <see cref="LatencyDistribution.Fixed"/>.</value>
    public LatencyDistribution Distribution { get; init; } = LatencyDistribution.Fixed;

    /// <summary>Gets the lower bound of a uniform latency.</summary>
    public TimeSpan MinDelay { get; init; }

    /// <summary>Gets the upper bound of a uniform latency, or the cap of a long-tail one (none when zero).</summary>
    public TimeSpan MaxDelay { get; init; }

    /// <summary>Gets the median of a long-tail latency.</summary>
    public TimeSpan P50 { get; init; }

    /// <summary>Gets the 99th percentile of a long-tail latency.</summary>
    public TimeSpan P99 { get; init; }

    /// <summary>Gets how long a <see cref="FaultKind.Hang"/> fault holds the request before answering 504.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HangFor { get; init; } = DefaultHang;

    /// <summary>Gets how long a <see cref="FaultKind.Flapping"/> host stays down in each cycle.</summary>
    public TimeSpan DownFor { get; init; }

    /// <summary>Gets how long a <see cref="FaultKind.Flapping"/> host stays up in each cycle.</summary>
    public TimeSpan UpFor { get; init; }

    /// <summary>Gets how long a <see cref="FaultKind.Crash"/> leaves the service dead before it is started again.</summary>
    public TimeSpan RestartAfter { get; init; }

    /// <summary>Gets whether the fault acts on the system under test itself (a crash) rather than on a dependency.</summary>
    public bool IsServiceLevel => Kind is FaultKind.Crash;

    /// <summary>Gets whether the fault acts on the host (its port) rather than on each request.</summary>
    public bool IsHostLevel => Kind is FaultKind.HostDown or FaultKind.Flapping;
}
