namespace Chaos.Storefront.Status;

/// <summary>The answer to <c>GET /status</c>.</summary>
/// <param name="Dependencies">Each configured dependency's circuit and health.</param>
/// <param name="Backlogs">Work waiting on a dependency.</param>
/// <param name="Notices">Incident notices to show customers; empty when all is well.</param>
internal sealed record StatusResponse(IReadOnlyList<DependencyStatus> Dependencies, BacklogStatus Backlogs, IReadOnlyList<string> Notices);

/// <summary>One dependency in <c>/status</c>.</summary>
/// <param name="Name">For example <c>payments.primary</c>.</param>
/// <param name="Circuit"><c>closed</c>, <c>open</c>, <c>half-open</c> or <c>isolated</c>.</param>
/// <param name="Healthy">Whether the circuit is closed and the last call got a definitive answer.</param>
internal sealed record DependencyStatus(string Name, string Circuit, bool Healthy);

/// <summary>The backlogs in <c>/status</c>.</summary>
/// <param name="PendingPayments">Orders in <c>payment_pending</c>.</param>
internal sealed record BacklogStatus(int PendingPayments);
