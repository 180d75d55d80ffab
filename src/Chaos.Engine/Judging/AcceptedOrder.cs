namespace Chaos.Engine.Judging;

/// <summary>An order the system under test told a customer it accepted (the judge's order-based metrics read these).</summary>
/// <param name="OrderId">The system's order id.</param>
/// <param name="Status">The status answered at checkout (<c>paid</c> or <c>payment_pending</c>).</param>
/// <param name="Amount">The amount in cents.</param>
/// <param name="At">Offset from the run start at which it was accepted.</param>
public sealed record AcceptedOrder(string OrderId, string Status, long Amount, TimeSpan At);
