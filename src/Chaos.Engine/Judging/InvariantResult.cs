namespace Chaos.Engine.Judging;

/// <summary>The check of one invariant after the drain.</summary>
/// <param name="Name">The invariant's name as written in scenario files.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Message">One line a person understands.</param>
/// <param name="Examples">A few offending records, if any.</param>
/// <param name="Measured">Whether there was data to check (an unmeasurable invariant makes the run an error, never a pass).</param>
public sealed record InvariantResult(string Name, bool Passed, string Message, IReadOnlyList<string> Examples, bool Measured = true);
