namespace Chaos.Targets.Storefront;

/// <summary>A fulfillment centre as the storefront's <c>GET /admin/inventory</c> reports it.</summary>
/// <param name="Name">The centre's name, for example <c>primary</c>.</param>
/// <param name="Open">Whether it could ship when read.</param>
/// <param name="Hosts">The names of the fulfillment hosts the storefront assigns to it.</param>
/// <param name="Skus">Its stock per SKU.</param>
public sealed record StorefrontCentre(string Name, bool Open, IReadOnlyList<string>? Hosts, IReadOnlyList<StorefrontStock> Skus);
