using Chaos.Storefront.Fulfillment;

namespace Chaos.Storefront.Inventory;

/// <summary>One fulfillment centre and the hosts that ship for it.</summary>
internal sealed class FulfillmentCentre(FulfillmentCentreOptions options, IReadOnlyList<FulfillmentHost> hosts)
{
    public string Name { get; } = options.Name;

    public bool AllowBackorders { get; } = options.AllowBackorders;

    public IReadOnlyList<FulfillmentHost> Hosts { get; } = hosts;

    /// <summary>
    /// Gets a value indicating whether the centre can ship: at least one of its hosts is in the pool and answered its
    /// last call. A centre whose hosts are all ejected (or half-open, not yet proven by a trial call) is closed, and so
    /// is a centre without hosts.
    /// </summary>
    public bool IsOpen => Hosts.Any(h => h.IsHealthy);

    /// <summary>Gets when the first of its ejected hosts may be tried again; null when none is ejected.</summary>
    public DateTimeOffset? EarliestReturn => Hosts.Select(h => h.EjectedUntil).Where(u => u is not null).Min();
}
