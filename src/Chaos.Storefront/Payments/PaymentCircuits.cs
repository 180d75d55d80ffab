namespace Chaos.Storefront.Payments;

/// <summary>The circuits of every gateway, shared by the resilience pipelines, the client and <c>/status</c>.</summary>
internal sealed class PaymentCircuits
{
    private readonly Dictionary<string, GatewayCircuit> circuits =
        PaymentGateways.All.ToDictionary(g => g, g => new GatewayCircuit(g), StringComparer.Ordinal);

    public GatewayCircuit this[string gateway] => circuits[gateway];

    public GatewayCircuit? Find(string gateway) => circuits.GetValueOrDefault(gateway);
}
