using Chaos.Engine.Load;

namespace Chaos.Engine.Metrics;

/// <summary>How many journeys of a bucket ended one way.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="StatusCode">The last status code, or 0.</param>
/// <param name="Count">How many.</param>
public sealed record RecordedFailure(OutcomeKind Outcome, int StatusCode, long Count);
