namespace Chaos.Targets.Storefront;

/// <summary>
/// The load engine's record of attempts to change a cart after it was checked out (paid or payment pending): how many
/// were made and which the storefront accepted. The <c>noPaidCartChanged</c> invariant is checked against it after the run.
/// </summary>
/// <remarks>Thread-safe. Keeps the first <see cref="MaxBreachesKept"/> breaches; later ones are only counted.</remarks>
public sealed class CartTamperLedger
{
    /// <summary>The number of breaches kept for reports; later ones count in <see cref="BreachCount"/> only.</summary>
    public const int MaxBreachesKept = BreachLog<CartTamperBreach>.MaxKept;

    private readonly BreachLog<CartTamperBreach> _log = new();

    /// <summary>Gets how many changes to a checked-out cart were tried.</summary>
    public long Attempts => _log.Attempts;

    /// <summary>Gets how many of them were answered 2xx (all of them, also beyond the ones kept).</summary>
    public long BreachCount => _log.Breaches;

    /// <summary>Gets a copy of the changes answered 2xx, in the order they were recorded (at most <see cref="MaxBreachesKept"/>).</summary>
    public IReadOnlyList<CartTamperBreach> Breaches => _log.Kept;

    /// <summary>Records one attempt to change a checked-out cart and how the storefront answered it.</summary>
    /// <param name="cartId">The cart changed.</param>
    /// <param name="orderId">The order it was checked out as.</param>
    /// <param name="orderStatus">The order's status when checkout answered: <c>paid</c> or <c>payment_pending</c>.</param>
    /// <param name="statusCode">The status code the change was answered with (0 when there was no answer).</param>
    /// <param name="at">When the change was tried, from the start of the load.</param>
    public void Record(string cartId, string orderId, string orderStatus, int statusCode, TimeSpan at)
    {
        ArgumentException.ThrowIfNullOrEmpty(cartId);
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        _log.RecordAttempt();
        if (statusCode is >= 200 and < 300)
        {
            _log.RecordBreach(() => new CartTamperBreach(cartId, orderId, orderStatus, statusCode, at));
        }
    }

    /// <summary>Adds another ledger's attempts (a load agent's), as <see cref="StorefrontLedgers"/> carries them.</summary>
    /// <param name="attempts">How many changes it tried.</param>
    /// <param name="breaches">How many of them were accepted.</param>
    /// <param name="kept">The breaches it kept.</param>
    public void Add(long attempts, long breaches, IReadOnlyList<CartTamperBreach> kept) => _log.Add(attempts, breaches, kept);
}

/// <summary>A change to a checked-out cart that the storefront answered 2xx.</summary>
/// <param name="CartId">The cart.</param>
/// <param name="OrderId">The order it had been checked out as.</param>
/// <param name="OrderStatus">The order's status when checkout answered.</param>
/// <param name="StatusCode">The 2xx status answered.</param>
/// <param name="At">When, from the start of the load.</param>
public sealed record CartTamperBreach(string CartId, string OrderId, string OrderStatus, int StatusCode, TimeSpan At);
