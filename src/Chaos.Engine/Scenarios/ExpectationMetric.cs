namespace Chaos.Engine.Scenarios;

/// <summary>The metrics an expectation can bound.</summary>
public enum ExpectationMetric
{
    /// <summary>Share of journeys that succeeded, in [0, 1].</summary>
    SuccessRate,

    /// <summary>Share of journeys that succeeded or degraded as designed (for example 503 with Retry-After), in [0, 1].</summary>
    AvailableRate,

    /// <summary>Median journey latency from the intended start, in seconds.</summary>
    P50,

    /// <summary>95th percentile journey latency from the intended start, in seconds.</summary>
    P95,

    /// <summary>99th percentile journey latency from the intended start, in seconds.</summary>
    P99,

    /// <summary>Seconds from the start of the phase (a fault window) until the dependency's circuit was seen open.</summary>
    TimeToCircuitOpen,

    /// <summary>Seconds from the end of the phase (a fault window) until the dependency's circuit was seen closed again.</summary>
    TimeToRecover,

    /// <summary>Calls to the dependency per journey in the phase.</summary>
    Amplification,

    /// <summary>Share of the phase's journeys that failed in a kind not listed in <see cref="Expectation.ExpectedFailures"/>, in [0, 1].</summary>
    UnexpectedFailures,

    /// <summary>How many times the storefront took the <see cref="Expectation.Fallback"/> in the phase.</summary>
    Fallbacks,

    /// <summary>The most calls to the dependency carrying one request key in the phase, minus one.</summary>
    RetriesPerRequest,

    /// <summary>Seconds from the end of the phase (a fault window) until the storefront's backlog first reached zero.</summary>
    DrainTime,
}
