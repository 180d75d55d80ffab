namespace Chaos.Engine.Telemetry;

/// <summary>
/// One Polly v8 telemetry event seen on the meter <c>Polly</c>, instrument <c>resilience.polly.strategy.events</c>:
/// <paramref name="Count"/> occurrences of <paramref name="EventName"/> in one strategy of one pipeline.
/// </summary>
/// <param name="At">When it was seen, on the run's <see cref="TimeProvider"/>.</param>
/// <param name="Pipeline">The tag <c>pipeline.name</c>; a named client's standard handler is <c>&lt;client&gt;-standard</c>.</param>
/// <param name="Strategy">The tag <c>strategy.name</c>, for example <c>standard-retry</c>; empty when the event has none.</param>
/// <param name="EventName">The tag <c>event.name</c>; see <see cref="ResilienceEventNames"/>.</param>
/// <param name="Count">How many times it happened: 1 in process, the count of one refresh interval over EventPipe.</param>
public sealed record ResilienceEvent(DateTimeOffset At, string Pipeline, string Strategy, string EventName, long Count)
{
    /// <summary>
    /// Gets the tag <c>pipeline.instance</c>: which of a pipeline's instances reported it, such as the endpoint's authority
    /// (<c>http://127.0.0.1:5001</c>) when the service keeps a pipeline per endpoint; empty when the event has none.
    /// </summary>
    public string Instance { get; init; } = "";
}
