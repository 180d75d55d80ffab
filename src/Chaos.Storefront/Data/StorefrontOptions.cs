namespace Chaos.Storefront.Data;

/// <summary>Options of the storefront's own storage.</summary>
public sealed record StorefrontOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Storefront";

    /// <summary>Gets the path of the SQLite database file, relative to the current directory unless rooted.</summary>
    /// <value>Defaults to <c>storefront.db</c>.</value>
    public string DatabasePath { get; init; } = "storefront.db";
}
