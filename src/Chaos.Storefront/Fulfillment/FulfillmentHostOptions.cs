namespace Chaos.Storefront.Fulfillment;

/// <summary>One fulfillment host of the pool.</summary>
internal sealed record FulfillmentHostOptions
{
    /// <summary>Gets the host's name, unique in the pool, for example <c>fc-win-1</c>; <c>/status</c> lists it as <c>fulfillment.&lt;name&gt;</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Gets the host's absolute base URL, for example <c>http://127.0.0.1:5301/</c>.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Gets the host's tags, for example <c>os: windows</c>; reported in <c>/status</c>.</summary>
    /// <value>Defaults to no tags.</value>
    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the fulfillment centre the host ships for, one of <c>Inventory:Centres:&lt;i&gt;:Name</c>.</summary>
    /// <value>Defaults to null: the first centre.</value>
    public string? Centre { get; init; }
}
