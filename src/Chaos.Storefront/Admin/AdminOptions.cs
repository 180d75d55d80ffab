namespace Chaos.Storefront.Admin;

/// <summary>Options of the admin endpoints.</summary>
public sealed record AdminOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Admin";

    /// <summary>Gets the key that callers send in <c>X-Admin-Key</c>; empty disables the admin endpoints (always 401).</summary>
    /// <value>Defaults to empty.</value>
    public string ApiKey { get; init; } = "";
}
