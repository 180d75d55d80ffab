using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Fulfillment;

/// <summary>The configured hosts, in configuration order, and the round-robin order in which shipments are offered to them.</summary>
internal sealed class FulfillmentHostPool
{
    private readonly FulfillmentHost[] hosts;
    private int next;
    private long failovers;

    public FulfillmentHostPool(IOptions<FulfillmentOptions> options, TimeProvider time) =>
        hosts = options.Value.Hosts.Select(h => new FulfillmentHost(h, time)).ToArray();

    public IReadOnlyList<FulfillmentHost> Hosts => hosts;

    /// <summary>Gets a value indicating whether at least one host may take a call now.</summary>
    public bool AnyAvailable => hosts.Any(h => h.IsAvailable);

    /// <summary>Gets how many shipments were moved to another host after one failed them, since start-up.</summary>
    public long Failovers => Interlocked.Read(ref failovers);

    /// <summary>Counts a shipment moved to another host after one failed it.</summary>
    public void RecordFailover() => Interlocked.Increment(ref failovers);

    public FulfillmentHost? Find(string name) => hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The hosts that may take a call now, <paramref name="preferred"/> first when it is one of them, then the others in
    /// round-robin order, so the load spreads over the healthy hosts. With <paramref name="eligible"/>, only the hosts it
    /// accepts (the hosts of the order's centre).
    /// </summary>
    public IReadOnlyList<FulfillmentHost> Candidates(FulfillmentHost? preferred = null, Func<FulfillmentHost, bool>? eligible = null)
    {
        var among = eligible is null ? hosts : hosts.Where(eligible).ToArray();
        if (among.Length == 0)
        {
            return [];
        }

        var start = (int)((uint)Interlocked.Increment(ref next) % (uint)among.Length);
        var ordered = new List<FulfillmentHost>(among.Length);
        if (preferred is not null && preferred.IsAvailable && among.Contains(preferred))
        {
            ordered.Add(preferred);
        }

        for (var i = 0; i < among.Length; i++)
        {
            var host = among[(start + i) % among.Length];
            if (host != preferred && host.IsAvailable)
            {
                ordered.Add(host);
            }
        }

        return ordered;
    }

    /// <summary>When the first ejected host may be tried again; null when none is ejected.</summary>
    public DateTimeOffset? EarliestReturn => hosts.Select(h => h.EjectedUntil).Where(u => u is not null).Min();
}
