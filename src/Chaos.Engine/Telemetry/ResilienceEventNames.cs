namespace Chaos.Engine.Telemetry;

/// <summary>The names Polly v8 gives its telemetry: the meter, its instrument, its tags and the events Chaos reads.</summary>
public static class ResilienceEventNames
{
    /// <summary>The meter Polly v8 reports on when its pipelines come from DI.</summary>
    public const string Meter = "Polly";

    /// <summary>The counter of resilience events.</summary>
    public const string Instrument = "resilience.polly.strategy.events";

    /// <summary>The tag naming the event.</summary>
    public const string EventNameTag = "event.name";

    /// <summary>The tag naming the pipeline.</summary>
    public const string PipelineNameTag = "pipeline.name";

    /// <summary>
    /// The tag naming the pipeline's instance, when it has several: with <c>SelectPipelineByAuthority()</c>, the
    /// authority of the endpoint it serves (<c>http://127.0.0.1:5001</c>).
    /// </summary>
    public const string PipelineInstanceTag = "pipeline.instance";

    /// <summary>The tag naming the strategy inside the pipeline.</summary>
    public const string StrategyNameTag = "strategy.name";

    /// <summary>The suffix of a named HttpClient's standard resilience pipeline: <c>&lt;client&gt;-standard</c>.</summary>
    public const string StandardPipelineSuffix = "-standard";

    /// <summary>A retry is about to be made.</summary>
    public const string OnRetry = "OnRetry";

    /// <summary>A circuit breaker opened.</summary>
    public const string OnCircuitOpened = "OnCircuitOpened";

    /// <summary>A circuit breaker let one trial call through.</summary>
    public const string OnCircuitHalfOpened = "OnCircuitHalfOpened";

    /// <summary>A circuit breaker closed again.</summary>
    public const string OnCircuitClosed = "OnCircuitClosed";

    /// <summary>A timeout strategy gave up on a call.</summary>
    public const string OnTimeout = "OnTimeout";

    /// <summary>A fallback answered instead of the call.</summary>
    public const string OnFallback = "OnFallback";
}
