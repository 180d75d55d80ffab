namespace Chaos.Cli.Hosting;

/// <summary>
/// The storefront settings that make it believe <c>X-Forwarded-For</c> from loopback. The load engine plays the proxy in
/// front of the storefront: its journeys send each virtual client's address (credential stuffing from a few addresses,
/// staff from their own), and the storefront's login limit per client counts those. The storefront trusts no proxy by
/// default, so every set-up that starts it on loopback for a run configures this.
/// </summary>
internal static class LoopbackProxy
{
    /// <summary>Gets <c>Storefront:TrustedProxies</c> as loopback, IPv4 and IPv6.</summary>
    public static IReadOnlyDictionary<string, string?> Trusted { get; } = new Dictionary<string, string?>
    {
        ["Storefront:TrustedProxies:0"] = "127.0.0.0/8",
        ["Storefront:TrustedProxies:1"] = "::1/128",
    };
}
