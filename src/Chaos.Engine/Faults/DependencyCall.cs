namespace Chaos.Engine.Faults;

/// <summary>One call a dependency answered.</summary>
/// <param name="At">When it arrived.</param>
/// <param name="Route">The route name (for example <c>charges</c>).</param>
/// <param name="StatusCode">The status code answered.</param>
/// <param name="Faulted">Whether a fault was injected into it.</param>
/// <param name="RequestKey">
/// What names the request a retry repeats: the <c>Idempotency-Key</c> of a payment or shipment call, the username of an
/// identity token call; null when the call carried none.
/// </param>
public sealed record DependencyCall(DateTimeOffset At, string Route, int StatusCode, bool Faulted, string? RequestKey = null)
{
    /// <summary>
    /// Gets the W3C trace id (32 hex digits) of the call's <c>traceparent</c> header: the journey that caused it when the
    /// service forwards trace context; null when the call carried none.
    /// </summary>
    public string? TraceId { get; init; }
}
