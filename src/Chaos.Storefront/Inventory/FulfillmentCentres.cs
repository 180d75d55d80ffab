using Chaos.Storefront.Fulfillment;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Inventory;

/// <summary>
/// The fulfillment centres in order of preference, each with its hosts (<c>Fulfillment:Hosts:&lt;i&gt;:Centre</c>; a host
/// that names none belongs to the first). Whether a centre is open is read from its hosts' ejection state, so a centre
/// closes as soon as the dispatcher has ejected its last host and opens again on the first call one of them answers.
/// </summary>
internal sealed class FulfillmentCentres
{
    private readonly FulfillmentCentre[] centres;

    public FulfillmentCentres(IOptions<InventoryOptions> options, FulfillmentHostPool pool)
    {
        var configured = options.Value.Centres;
        var first = configured.Count == 0 ? "" : configured[0].Name;
        centres = [.. configured.Select(c => new FulfillmentCentre(
            c,
            [.. pool.Hosts.Where(h => string.Equals(h.Centre ?? first, c.Name, StringComparison.OrdinalIgnoreCase))]))];
    }

    /// <summary>Gets every centre, the preferred one first.</summary>
    public IReadOnlyList<FulfillmentCentre> All => centres;

    /// <summary>Gets the preferred centre (the first configured).</summary>
    public FulfillmentCentre Primary => centres[0];

    /// <summary>The centre of that name; the primary for null (an order stored before orders had a centre).</summary>
    public FulfillmentCentre? Find(string? name) =>
        name is null ? Primary : centres.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the order's centre can ship now; false for a centre that is not configured.</summary>
    public bool IsOpen(string? name) => Find(name)?.IsOpen ?? false;

    /// <summary>Whether <paramref name="host"/> ships for the centre <paramref name="centre"/> (the primary for null).</summary>
    public bool Ships(string? centre, FulfillmentHost host) => Find(centre)?.Hosts.Contains(host) ?? false;
}
