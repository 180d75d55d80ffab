using Polly.CircuitBreaker;

namespace Chaos.Storefront.Auth;

/// <summary>The circuit breaker of the identity provider's token endpoint as <c>/status</c> sees it, and the last outcome of a login call.</summary>
internal sealed class IdentityCircuit
{
    /// <summary>The dependency's name in <c>/status</c>.</summary>
    public const string DependencyName = "identity";

    private volatile int lastCallFailed;

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

    /// <summary>Gets a value indicating whether the circuit is closed and the last token call (if any) got a usable answer.</summary>
    public bool IsHealthy => StateProvider.CircuitState == CircuitState.Closed && lastCallFailed == 0;

    public void RecordCall(bool succeeded) => lastCallFailed = succeeded ? 0 : 1;
}
