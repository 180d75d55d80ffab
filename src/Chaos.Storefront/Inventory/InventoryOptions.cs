namespace Chaos.Storefront.Inventory;

/// <summary>
/// Options of inventory: the fulfillment centres, in order of preference, and the stock each holds. Checkout reserves an
/// order's units at the first open centre that can fill every line; see <see cref="FulfillmentCentres"/>.
/// </summary>
internal sealed record InventoryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Inventory";

    /// <summary>Gets the fulfillment centres, the preferred one first (the primary); at least one is required.</summary>
    /// <value>Defaults to none; <c>appsettings.json</c> configures <c>primary</c> and <c>backup</c>.</value>
    public List<FulfillmentCentreOptions> Centres { get; init; } = [];
}
