using Chaos.Storefront.Resilience;
using Polly.CircuitBreaker;

namespace Chaos.Storefront.Payments;

/// <summary>The circuit breaker of one gateway as <c>/status</c> sees it, the last outcome of a call to it, and its manual control.</summary>
internal sealed class GatewayCircuit(string gateway) : DependencyCircuit(PaymentGateways.DependencyName(gateway))
{
    /// <summary>Gets the gateway's name.</summary>
    public string Gateway => gateway;

    /// <summary>Gets the manual control attached to the gateway's circuit breaker (isolate and close).</summary>
    public override CircuitBreakerManualControl ManualControl { get; } = new();
}
