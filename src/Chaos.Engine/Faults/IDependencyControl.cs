namespace Chaos.Engine.Faults;

/// <summary>
/// The control surface of one simulated dependency: apply and clear fault rules, read its journal.
/// Implemented in process (simulators hosted by the harness) and remotely (simulators in another process),
/// so the same fault timeline drives both.
/// </summary>
public interface IDependencyControl
{
    /// <summary>Gets the dependency's name, for example <c>payments.primary</c>.</summary>
    string Dependency { get; }

    /// <summary>Applies a fault rule; a rule with the same name replaces the earlier one.</summary>
    ValueTask ApplyAsync(FaultRule rule, CancellationToken cancellationToken);

    /// <summary>Clears the fault rule of that name; clearing an unknown name does nothing.</summary>
    ValueTask ClearAsync(string ruleName, CancellationToken cancellationToken);

    /// <summary>Reads the dependency's journal: every call it answered and, for a gateway, every charge it made.</summary>
    ValueTask<DependencyJournal> ReadJournalAsync(CancellationToken cancellationToken);
}

/// <summary>What a dependency saw during a run.</summary>
/// <param name="Dependency">The dependency's name.</param>
/// <param name="Calls">Every call it answered, in order.</param>
/// <param name="Charges">Every charge it created (payment gateways only).</param>
public sealed record DependencyJournal(string Dependency, IReadOnlyList<DependencyCall> Calls, IReadOnlyList<ChargeRecord> Charges)
{
    /// <summary>Gets every shipment it created (fulfillment hosts only); empty for other dependencies.</summary>
    public IReadOnlyList<ShipmentRecord> Shipments { get; init; } = [];
}

/// <summary>One call a dependency answered.</summary>
/// <param name="At">When it arrived.</param>
/// <param name="Route">The route name (for example <c>charges</c>).</param>
/// <param name="StatusCode">The status code answered.</param>
/// <param name="Faulted">Whether a fault was injected into it.</param>
/// <param name="RequestKey">
/// What names the request a retry repeats: the <c>Idempotency-Key</c> of a payment or shipment call, the username of an
/// identity token call; null when the call carried none.
/// </param>
public sealed record DependencyCall(DateTimeOffset At, string Route, int StatusCode, bool Faulted, string? RequestKey = null)
{
    /// <summary>
    /// Gets the W3C trace id (32 hex digits) of the call's <c>traceparent</c> header: the journey that caused it when the
    /// service forwards trace context; null when the call carried none.
    /// </summary>
    public string? TraceId { get; init; }
}

/// <summary>A charge a payment gateway created.</summary>
public sealed record ChargeRecord(string ChargeId, string OrderId, string? IdempotencyKey, long Amount, DateTimeOffset At);

/// <summary>A shipment a fulfillment host created.</summary>
/// <param name="ShipmentId">The host's shipment id.</param>
/// <param name="OrderId">The order shipped.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> it was created with, if any.</param>
/// <param name="Host">The name of the host that created it.</param>
/// <param name="At">When it was created.</param>
public sealed record ShipmentRecord(string ShipmentId, string OrderId, string? IdempotencyKey, string Host, DateTimeOffset At)
{
    /// <summary>Gets the amount the shipment's request declared, in cents.</summary>
    public long Amount { get; init; }

    /// <summary>Gets the lines the host was asked to ship, as it received them.</summary>
    public IReadOnlyList<ShipmentLine> Lines { get; init; } = [];
}

/// <summary>One line a fulfillment host was asked to ship.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many units.</param>
/// <param name="UnitPrice">The unit price in cents the request declared (0 when it declared none).</param>
public sealed record ShipmentLine(string Sku, int Quantity, long UnitPrice);
