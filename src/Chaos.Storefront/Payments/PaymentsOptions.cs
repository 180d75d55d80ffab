namespace Chaos.Storefront.Payments;

/// <summary>
/// Options of the payment gateways: where they are, how each is called, and what checkout does when none can charge.
/// </summary>
internal sealed record PaymentsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Payments";

    /// <summary>Gets the primary gateway, tried first for every order.</summary>
    public PaymentGatewayOptions Primary { get; init; } = new();

    /// <summary>Gets the secondary gateway, tried when the primary definitively fails. Optional: leave its base URL empty.</summary>
    public PaymentGatewayOptions Secondary { get; init; } = new();

    /// <summary>Gets a value indicating whether a definitive failure on the primary gateway fails over to the secondary.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool FailoverEnabled { get; init; } = true;

    /// <summary>
    /// Gets a value indicating whether charges carry an <c>Idempotency-Key</c> and outcomes that are unknown are looked up.
    /// </summary>
    /// <remarks>
    /// <see langword="false"/> is the naive configuration: a retry after a timeout charges again. It is kept so that a
    /// rehearsal can show it failing.
    /// </remarks>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool UseIdempotencyKeys { get; init; } = true;

    /// <summary>Gets the most orders that may wait in <c>payment_pending</c> at once; 0 never accepts an order unpaid.</summary>
    /// <value>Defaults to 50: a small shop's risk limit on orders accepted before they are paid.</value>
    public int PendingLimit { get; init; } = 50;

    /// <summary>Gets the interval at which the capture worker charges pending orders.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan CaptureInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the delay sent in <c>Retry-After</c> when checkout answers 503.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    internal PaymentGatewayOptions Gateway(string gateway) =>
        gateway == PaymentGateways.Secondary ? Secondary : Primary;
}
