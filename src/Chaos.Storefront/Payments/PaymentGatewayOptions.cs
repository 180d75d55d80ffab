namespace Chaos.Storefront.Payments;

/// <summary>Where one payment gateway is and how it is called.</summary>
public sealed record PaymentGatewayOptions
{
    /// <summary>Gets the gateway's absolute base URL, for example <c>http://127.0.0.1:5201/</c>.</summary>
    /// <value>Defaults to <see langword="null"/>: required for the primary gateway, optional for the secondary.</value>
    public Uri? BaseUrl { get; init; }

    /// <summary>Gets the resilience pipeline wrapped around every call to this gateway.</summary>
    public GatewayResilienceOptions Resilience { get; init; } = new();

    /// <summary>Gets a value indicating whether a base URL is set (an empty value leaves the gateway out).</summary>
    internal bool IsConfigured => BaseUrl is { OriginalString.Length: > 0 };
}
