namespace Chaos.Engine.Judging;

/// <summary>The verdict of a run.</summary>
public enum Verdict
{
    /// <summary>Every expectation and invariant held: degraded as designed. Exit code 0.</summary>
    Pass,

    /// <summary>An expectation or invariant broke: beyond contract. Exit code 1.</summary>
    Fail,

    /// <summary>The harness could not run or measure the scenario. Exit code 3.</summary>
    Error,
}
