namespace Chaos.Engine.Scenarios;

/// <summary>The invariants a run is reconciled against after the drain.</summary>
public enum InvariantKind
{
    /// <summary>Every order the load engine was told was accepted exists in the storefront, not lost.</summary>
    NoLostOrders,

    /// <summary>No order has more than one charge across all payment gateways' journals.</summary>
    NoDoubleCharges,

    /// <summary>Every accepted order is paid after the drain: no payment left pending, each with exactly one charge.</summary>
    PendingPaymentsCaptured,

    /// <summary>No order has more than one shipment across all fulfillment hosts' journals.</summary>
    NoDuplicateShipments,

    /// <summary>After the drain, every paid order has exactly one shipment on some fulfillment host.</summary>
    EveryPaidOrderShipped,

    /// <summary>No probe of a protected surface (admin, point of sale) with a bad or missing credential was answered 2xx.</summary>
    NoUnauthenticatedAccess,

    /// <summary>
    /// Per fulfillment centre and SKU, the units its hosts shipped (their journals, one shipment per order) plus the
    /// units the storefront still holds reserved there never exceed the centre's stock.
    /// </summary>
    NoOversell,

    /// <summary>
    /// Every shipment carries its order's lines, every order's subtotal is the sum of its lines, and every charge and
    /// shipment is for the order's amount.
    /// </summary>
    ShippedAsPaid,

    /// <summary>No change to a checked-out cart (paid or payment pending) was answered 2xx.</summary>
    NoPaidCartChanged,
}
