using Polly.CircuitBreaker;

namespace Chaos.Storefront.Resilience;

/// <summary>
/// The circuit breaker of one dependency as <c>/status</c> sees it, and the outcome of the last call to it: healthy when
/// the circuit is closed and the last call (if any) got a usable answer.
/// </summary>
/// <param name="name">The dependency's name in <c>/status</c>.</param>
internal abstract class DependencyCircuit(string name)
{
    private volatile int lastCallFailed;

    /// <summary>Gets the dependency's name in <c>/status</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the provider attached to the dependency's circuit breaker.</summary>
    public CircuitBreakerStateProvider StateProvider { get; } = new();

    /// <summary>Gets the manual control attached to the circuit breaker (isolate and close), if the dependency has one.</summary>
    public virtual CircuitBreakerManualControl? ManualControl => null;

    /// <summary>Gets the circuit state: <c>closed</c>, <c>open</c>, <c>half-open</c> or <c>isolated</c>.</summary>
    public string State => StateProvider.CircuitState switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half-open",
        CircuitState.Isolated => "isolated",
        _ => "closed",
    };

    /// <summary>Gets a value indicating whether the circuit is closed and the last call (if any) got a usable answer.</summary>
    public bool IsHealthy => StateProvider.CircuitState == CircuitState.Closed && lastCallFailed == 0;

    /// <summary>Records whether the last call got a usable answer.</summary>
    public void RecordCall(bool succeeded) => lastCallFailed = succeeded ? 0 : 1;
}
