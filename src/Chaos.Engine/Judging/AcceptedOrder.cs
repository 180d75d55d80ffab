namespace Chaos.Engine.Judging;

/// <summary>An order the system under test told a customer it accepted (the judge's order-based metrics read these).</summary>
/// <param name="OrderId">The system's order id.</param>
/// <param name="Status">The status answered at checkout (<see cref="Paid"/> or <see cref="PaymentPending"/>).</param>
/// <param name="Amount">The amount in cents.</param>
/// <param name="At">Offset from the run start at which it was accepted.</param>
public sealed record AcceptedOrder(string OrderId, string Status, long Amount, TimeSpan At)
{
    /// <summary>The status of an order that was charged before it was accepted.</summary>
    public const string Paid = "paid";

    /// <summary>The status of an order accepted before it was paid (the <c>paymentPending</c> fallback), charged later.</summary>
    public const string PaymentPending = "payment_pending";
}
