namespace Chaos.Storefront.Orders;

/// <summary>The statuses of an order, as stored and reported.</summary>
internal static class OrderStatus
{
    /// <summary>Stored before the first gateway call; left only by a crash between insert and answer.</summary>
    public const string Created = "created";

    /// <summary>A gateway charged the order.</summary>
    public const string Paid = "paid";

    /// <summary>Accepted without payment; the capture worker charges it later.</summary>
    public const string PaymentPending = "payment_pending";

    /// <summary>Refused with 503 because payment was unavailable and the pending limit was reached; never charged.</summary>
    public const string Rejected = "rejected";
}
