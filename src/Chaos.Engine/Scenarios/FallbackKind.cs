namespace Chaos.Engine.Scenarios;

/// <summary>The fallbacks <see cref="ExpectationMetric.Fallbacks"/> can count.</summary>
public enum FallbackKind
{
    /// <summary>Charges the secondary payment gateway made in the phase.</summary>
    SecondaryGateway,

    /// <summary>Orders the storefront accepted as <c>payment_pending</c> in the phase.</summary>
    PaymentPending,

    /// <summary>Shipments the storefront moved to another fulfillment host in the phase.</summary>
    HostFailover,
}
