using Chaos.Engine.Judging;

namespace Chaos.Engine.Running;

/// <summary>Why and when a run stopped its load early (<see cref="FailFastWatch"/>).</summary>
/// <param name="At">The load's offset when the failure was found.</param>
/// <param name="Failed">The expectation that had failed.</param>
internal sealed record EarlyStop(TimeSpan At, ExpectationResult Failed);
