using Polly.CircuitBreaker;

namespace Chaos.Storefront.Payments;

/// <summary>The circuit breaker of one gateway as <c>/status</c> sees it, and the last outcome of a call to it.</summary>
internal sealed class GatewayCircuit(string gateway)
{
    private volatile int lastCallFailed;

    /// <summary>Gets the gateway's name.</summary>
    public string Gateway { get; } = gateway;

    /// <summary>Gets the provider attached to the gateway's circuit breaker.</summary>
    public CircuitBreakerStateProvider StateProvider { get; } = new();

    /// <summary>Gets the manual control attached to the gateway's circuit breaker (isolate and close).</summary>
    public CircuitBreakerManualControl ManualControl { get; } = new();

    /// <summary>Gets the circuit state: <c>closed</c>, <c>open</c>, <c>half-open</c> or <c>isolated</c>.</summary>
    public string State => StateProvider.CircuitState switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half-open",
        CircuitState.Isolated => "isolated",
        _ => "closed",
    };

    /// <summary>Gets a value indicating whether the circuit is closed and the last call (if any) got a definitive answer.</summary>
    public bool IsHealthy => StateProvider.CircuitState == CircuitState.Closed && lastCallFailed == 0;

    public void RecordCall(bool succeeded) => lastCallFailed = succeeded ? 0 : 1;
}
