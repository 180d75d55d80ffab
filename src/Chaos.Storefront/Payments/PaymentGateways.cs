namespace Chaos.Storefront.Payments;

/// <summary>The names of the payment gateways, as stored on orders and reported by <c>/status</c>.</summary>
internal static class PaymentGateways
{
    public const string Primary = "primary";
    public const string Secondary = "secondary";

    public static readonly IReadOnlyList<string> All = [Primary, Secondary];

    /// <summary>The dependency name reported by <c>/status</c>, for example <c>payments.primary</c>.</summary>
    public static string DependencyName(string gateway) => "payments." + gateway;

    /// <summary>The name of the gateway's HttpClient and resilience pipeline.</summary>
    public static string HttpClientName(string gateway) => "payments." + gateway;
}
