namespace Chaos.Storefront.Inventory;

/// <summary>One centre in <c>GET /admin/inventory</c>.</summary>
/// <param name="Name">The centre's name, for example <c>primary</c>.</param>
/// <param name="Open">Whether it can ship now (at least one of its hosts is healthy).</param>
/// <param name="AllowBackorders">Whether it accepts orders beyond its stock.</param>
/// <param name="Hosts">The names of its fulfillment hosts.</param>
/// <param name="Skus">Each SKU's stock, reserved and shipped units.</param>
internal sealed record CentreInventoryResponse(string Name, bool Open, bool AllowBackorders, IReadOnlyList<string> Hosts, IReadOnlyList<StockLevel> Skus);
