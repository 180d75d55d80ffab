using Polly.CircuitBreaker;

namespace Chaos.Storefront.Tax;

/// <summary>The circuit breaker of the tax service as <c>/status</c> sees it, and the outcome of the last quote.</summary>
internal sealed class TaxCircuit
{
    /// <summary>The dependency's name in <c>/status</c>.</summary>
    public const string DependencyName = "tax";

    private volatile int lastQuoteFailed;

    /// <summary>Gets the provider attached to the circuit breaker.</summary>
    public CircuitBreakerStateProvider StateProvider { get; } = new();

    /// <summary>Gets the circuit state: <c>closed</c>, <c>open</c>, <c>half-open</c> or <c>isolated</c>.</summary>
    public string State => StateProvider.CircuitState switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half-open",
        CircuitState.Isolated => "isolated",
        _ => "closed",
    };

    /// <summary>Gets a value indicating whether the circuit is closed and the last quote (if any) was usable.</summary>
    public bool IsHealthy => StateProvider.CircuitState == CircuitState.Closed && lastQuoteFailed == 0;

    public void RecordQuote(bool succeeded) => lastQuoteFailed = succeeded ? 0 : 1;
}
