namespace Chaos.Engine.Faults;

/// <summary>What a fault does to a request it is injected into.</summary>
public enum FaultKind
{
    /// <summary>Answer with a status code (optionally with <c>Retry-After</c>) instead of serving the request.</summary>
    Status,

    /// <summary>Serve the request, then delay the response.</summary>
    Latency,
}

/// <summary>
/// A fault and the share of requests it is injected into. Decisions are seeded, so the same seed replays the same run.
/// </summary>
public sealed record FaultSpec
{
    /// <summary>Gets the kind of fault.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary>Gets the share of matching requests the fault is injected into, in [0, 1].</summary>
    /// <value>Defaults to 1.</value>
    public double InjectionRate { get; init; } = 1.0;

    /// <summary>Gets the status code answered by a <see cref="FaultKind.Status"/> fault.</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>Gets the <c>Retry-After</c> sent with a <see cref="FaultKind.Status"/> fault, if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the delay added by a <see cref="FaultKind.Latency"/> fault.</summary>
    public TimeSpan Delay { get; init; }
}

/// <summary>A fault applied to one dependency under a name, so that it can be cleared by name.</summary>
/// <param name="Name">The fault window's name.</param>
/// <param name="Route">The route it is limited to, or null for every route.</param>
/// <param name="Fault">The fault.</param>
public sealed record FaultRule(string Name, string? Route, FaultSpec Fault);
