namespace Chaos.Engine.Faults;

/// <summary>
/// Everything a simulator must render for one request: whether to abort or hang, the status fault to answer with
/// instead of serving, how to spoil the body, and the delay to add.
/// </summary>
/// <param name="Status">The status fault to answer with instead of serving, if any.</param>
/// <param name="Delay">The delay to add to the response.</param>
public readonly record struct FaultDecision(FaultSpec? Status, TimeSpan Delay)
{
    /// <summary>Gets how long to hold the request before answering 504, if it hangs. Wins over everything but <see cref="Abort"/>.</summary>
    public TimeSpan? Hang { get; init; }

    /// <summary>Gets whether to abort the connection without an answer. Wins over every other fault.</summary>
    public bool Abort { get; init; }

    /// <summary>Gets how to spoil the body of the answer, if at all (ignored when a status fault answers).</summary>
    public BodyFault Body { get; init; }

    /// <summary>Gets whether any fault was injected.</summary>
    public bool Faulted => Status is not null || Delay > TimeSpan.Zero || Hang is not null || Abort || Body != BodyFault.None;
}
