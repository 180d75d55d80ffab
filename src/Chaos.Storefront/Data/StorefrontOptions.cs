namespace Chaos.Storefront.Data;

/// <summary>Options of the storefront's own storage.</summary>
internal sealed record StorefrontOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Storefront";

    /// <summary>Gets the path of the SQLite database file, relative to the current directory unless rooted.</summary>
    /// <value>Defaults to <c>storefront.db</c>.</value>
    public string DatabasePath { get; init; } = "storefront.db";

    /// <summary>
    /// Gets the networks (CIDR, for example <c>10.0.0.0/8</c>) of the proxies whose <c>X-Forwarded-For</c> is believed: a
    /// request from one of them is treated as coming from the address the proxy forwarded (for the login rate limit per
    /// client); a header from anywhere else is ignored.
    /// </summary>
    /// <remarks>
    /// Nothing is trusted by default, loopback included: otherwise any process on the storefront's machine could claim to
    /// forward any number of clients and escape the login limit per client. A host that puts a proxy on loopback (the
    /// chaos harness, whose load engine plays the proxy) configures <c>127.0.0.0/8</c> and <c>::1/128</c> itself.
    /// </remarks>
    /// <value>Defaults to null: no proxy is trusted and <c>X-Forwarded-For</c> is ignored.</value>
    public IReadOnlyList<string>? TrustedProxies { get; init; }
}
