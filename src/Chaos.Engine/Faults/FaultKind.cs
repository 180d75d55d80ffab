namespace Chaos.Engine.Faults;

/// <summary>What a fault does to a request it is injected into, or to the host that serves it.</summary>
public enum FaultKind
{
    /// <summary>Answer with a status code (optionally with <c>Retry-After</c>) instead of serving the request.</summary>
    Status,

    /// <summary>Serve the request, then delay the response (fixed, uniform or long-tail).</summary>
    Latency,

    /// <summary>Hold the request past the client's timeout, then answer 504 (or nothing, if the client has gone).</summary>
    Hang,

    /// <summary>Abort the connection without an answer: the client sees a reset or an empty reply.</summary>
    Abort,

    /// <summary>Answer 200 with a body that is not the contract (not JSON), without serving the request.</summary>
    Malformed,

    /// <summary>Serve the request, then answer with its JSON body cut mid-way.</summary>
    Truncated,

    /// <summary>The host is down: its port refuses connections until the fault is cleared.</summary>
    HostDown,

    /// <summary>The host boot-loops: down for <see cref="FaultSpec.DownFor"/>, up for <see cref="FaultSpec.UpFor"/>, repeating.</summary>
    Flapping,

    /// <summary>
    /// The system under test itself is killed (SIGKILL: no shutdown, no flush) and restarted on the same database after
    /// <see cref="FaultSpec.RestartAfter"/>. Played through an <c>IServiceControl</c>, never sent to a simulator.
    /// </summary>
    Crash,
}
