namespace Chaos.Storefront.Inventory;

/// <summary>One fulfillment centre: its name, the stock it was seeded with and whether it takes orders beyond it.</summary>
internal sealed record FulfillmentCentreOptions
{
    /// <summary>
    /// Gets the centre's name, unique, for example <c>primary</c>; <c>Fulfillment:Hosts:&lt;i&gt;:Centre</c> names it, and
    /// orders report it as <c>centre</c>.
    /// </summary>
    public string Name { get; init; } = "";

    /// <summary>Gets the units of each SKU the centre holds, by SKU; a SKU not named holds <see cref="DefaultStock"/>.</summary>
    /// <value>Defaults to none named.</value>
    public Dictionary<string, long> Stock { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Gets the units of every catalog SKU that <see cref="Stock"/> does not name.</summary>
    /// <value>Defaults to 0: the centre holds only the SKUs named in <see cref="Stock"/> (a backup site's critical inventory).</value>
    public long DefaultStock { get; init; }

    /// <summary>
    /// Gets a value indicating whether the centre accepts orders beyond its stock (backorders). Off, a centre never
    /// promises a unit it does not hold; on for a backup site, it takes orders for items it does not stock and oversells.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool AllowBackorders { get; init; }
}
