using Chaos.Engine.Load;

namespace Chaos.Engine.Journeys.Http;

/// <summary>One journey run, by trace id: every request it sent carried this trace id in its <c>traceparent</c>.</summary>
/// <param name="Journey">The journey's name.</param>
/// <param name="TraceId">The trace id (32 lower-case hex digits).</param>
/// <param name="UserId">The virtual user that ran it.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="StatusCode">The status of its last response, or 0.</param>
/// <param name="Detail">The failing step's detail, if any.</param>
public readonly record struct JourneyTrace(string Journey, string TraceId, int UserId, OutcomeKind Outcome, int StatusCode, string? Detail);
