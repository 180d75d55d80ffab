using System.Text.Json.Serialization;

namespace Chaos.Storefront.Status;

/// <summary>The answer to <c>GET /status</c>.</summary>
/// <param name="Dependencies">Each configured dependency's circuit and health.</param>
/// <param name="Backlogs">Work waiting on a dependency.</param>
/// <param name="Notices">Incident notices to show customers; empty when all is well.</param>
internal sealed record StatusResponse(IReadOnlyList<DependencyStatus> Dependencies, BacklogStatus Backlogs, IReadOnlyList<string> Notices)
{
    /// <summary>Gets the sign-in counters.</summary>
    public SignInStatus? SignIn { get; init; }

    /// <summary>Gets the fulfillment counters.</summary>
    public FulfillmentCounters? Fulfillment { get; init; }

    /// <summary>Gets each fulfillment centre, the preferred one first, and whether it can ship.</summary>
    public IReadOnlyList<Fulfillment.CentreStatus>? Centres { get; init; }
}

/// <summary>One dependency in <c>/status</c>.</summary>
/// <param name="Name">For example <c>payments.primary</c>.</param>
/// <param name="Circuit"><c>closed</c>, <c>open</c>, <c>half-open</c> or <c>isolated</c>.</param>
/// <param name="Healthy">Whether the circuit is closed and the last call got a definitive answer.</param>
/// <param name="Tags">The dependency's tags (fulfillment hosts, for example <c>os: windows</c>); omitted when null.</param>
internal sealed record DependencyStatus(
    string Name,
    string Circuit,
    bool Healthy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>The backlogs in <c>/status</c>.</summary>
/// <param name="PendingPayments">Orders in <c>payment_pending</c>.</param>
/// <param name="PendingShipments">Shipments waiting in the outbox.</param>
/// <param name="OldestPendingShipmentSeconds">How long the oldest of them has waited, in whole seconds; 0 when none.</param>
internal sealed record BacklogStatus(int PendingPayments, int PendingShipments = 0, long OldestPendingShipmentSeconds = 0);

/// <summary>Sign-in in <c>/status</c>.</summary>
/// <param name="LoginsRateLimited">Login attempts refused with 429 by the login rate limit since start-up.</param>
internal sealed record SignInStatus(long LoginsRateLimited);

/// <summary>Fulfillment counters in <c>/status</c>.</summary>
/// <param name="Failovers">Shipments moved to another host after one failed them, since start-up (cumulative).</param>
internal sealed record FulfillmentCounters(long Failovers);
