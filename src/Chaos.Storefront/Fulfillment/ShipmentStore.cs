using Chaos.Storefront.Data;
using Microsoft.Data.Sqlite;

namespace Chaos.Storefront.Fulfillment;

/// <summary>
/// The shipment outbox in SQLite. A shipment is enqueued in the same transaction that marks its order paid, so a paid
/// order always has one, crash or not; only the dispatcher changes it afterwards.
/// </summary>
internal sealed class ShipmentStore(StorefrontDatabase database)
{
    /// <summary>The outbox table; created at start-up with the rest of the schema.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS shipments (
            shipment_key TEXT PRIMARY KEY,
            order_id TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            pinned_host TEXT NULL,
            host TEXT NULL,
            shipment_id TEXT NULL,
            last_error TEXT NULL,
            created_at INTEGER NOT NULL,
            dispatched_at INTEGER NULL);
        CREATE INDEX IF NOT EXISTS ix_shipments_status_next ON shipments (status, next_attempt_at);
        """;

    private const string Columns =
        "s.shipment_key, s.order_id, o.amount, s.status, s.attempts, s.next_attempt_at, s.pinned_host, s.host, s.shipment_id, s.last_error, s.created_at, s.dispatched_at, o.centre";

    private const string From = "FROM shipments s JOIN orders o ON o.order_id = s.order_id";

    /// <summary>Creates the outbox table when it does not exist.</summary>
    public static async Task CreateSchemaAsync(StorefrontDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Enqueues the shipment of a just-paid order inside the caller's transaction; does nothing when it is already
    /// enqueued.
    /// </summary>
    public static async Task EnqueueAsync(SqliteConnection connection, SqliteTransaction transaction, string orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT OR IGNORE INTO shipments (shipment_key, order_id, status, attempts, next_attempt_at, created_at)
            VALUES ($key, $order, '{ShipmentStatus.Pending}', 0, $at, $at);
            """;
        insert.Parameters.AddWithValue("$key", OutboxShipment.KeyFor(orderId));
        insert.Parameters.AddWithValue("$order", orderId);
        insert.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Pending shipments due at <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxShipment>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} {From}
            WHERE s.status = '{ShipmentStatus.Pending}' AND s.next_attempt_at <= $now
            ORDER BY s.created_at, s.shipment_key
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The shipment of one order, if it is enqueued.</summary>
    public async Task<OutboxShipment?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} {From} WHERE s.order_id = $order;";
        command.Parameters.AddWithValue("$order", orderId);
        var found = await ReadAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Every shipment, by order id.</summary>
    public async Task<IReadOnlyDictionary<string, OutboxShipment>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} {From};";
        return (await ReadAsync(command, cancellationToken)).ToDictionary(s => s.OrderId, StringComparer.Ordinal);
    }

    /// <summary>
    /// The size of the backlog: pending shipments, when the oldest was enqueued, and how many failed a pass (an unknown
    /// outcome counts as one; a pin written before a call in progress does not).
    /// </summary>
    public async Task<(int Pending, DateTimeOffset? OldestCreatedAt, int Troubled)> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT COUNT(*), MIN(created_at), COALESCE(SUM(attempts > 0), 0)
            FROM shipments WHERE status = '{ShipmentStatus.Pending}';
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var pending = reader.GetInt32(0);
        DateTimeOffset? oldest = reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        return (pending, oldest, reader.GetInt32(2));
    }

    /// <summary>The order's own lines (copied from the cart at checkout, never the cart's live lines), sent with the shipment.</summary>
    public async Task<IReadOnlyList<ShipmentItem>> ReadItemsAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sku, quantity, unit_price FROM order_lines WHERE order_id = $order ORDER BY sku;";
        command.Parameters.AddWithValue("$order", orderId);
        var items = new List<ShipmentItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ShipmentItem(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
        }

        return items;
    }

    /// <summary>Marks a pending shipment dispatched to <paramref name="host"/>; false when it was not pending.</summary>
    public async Task<bool> MarkDispatchedAsync(string shipmentKey, string host, string shipmentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var update = connection.CreateCommand();
        update.CommandText = $"""
            UPDATE shipments SET status = '{ShipmentStatus.Dispatched}', host = $host, shipment_id = $shipment, pinned_host = NULL,
                last_error = NULL, dispatched_at = $at
            WHERE shipment_key = $key AND status = '{ShipmentStatus.Pending}';
            """;
        update.Parameters.AddWithValue("$key", shipmentKey);
        update.Parameters.AddWithValue("$host", host);
        update.Parameters.AddWithValue("$shipment", shipmentId);
        update.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Pins a pending shipment to <paramref name="host"/> before it is sent there, so that a crash during the call leaves a
    /// record of where it may have gone; the commit is durable before this returns.
    /// </summary>
    public async Task PinAsync(string shipmentKey, string host, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var update = connection.CreateCommand();
        update.CommandText = $"UPDATE shipments SET pinned_host = $pinned WHERE shipment_key = $key AND status = '{ShipmentStatus.Pending}';";
        update.Parameters.AddWithValue("$key", shipmentKey);
        update.Parameters.AddWithValue("$pinned", host);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Keeps a shipment pending until <paramref name="nextAttemptAt"/>, pinned to <paramref name="pinnedHost"/> (null
    /// unpins); <paramref name="failed"/> counts the pass as a failed attempt.
    /// </summary>
    public async Task RescheduleAsync(string shipmentKey, string? pinnedHost, bool failed, DateTimeOffset nextAttemptAt, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var update = connection.CreateCommand();
        update.CommandText = $"""
            UPDATE shipments SET pinned_host = $pinned, attempts = attempts + $failed, next_attempt_at = $next,
                last_error = COALESCE($error, last_error)
            WHERE shipment_key = $key AND status = '{ShipmentStatus.Pending}';
            """;
        update.Parameters.AddWithValue("$key", shipmentKey);
        update.Parameters.AddWithValue("$pinned", (object?)pinnedHost ?? DBNull.Value);
        update.Parameters.AddWithValue("$failed", failed ? 1 : 0);
        update.Parameters.AddWithValue("$next", nextAttemptAt.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<OutboxShipment>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var shipments = new List<OutboxShipment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            shipments.Add(new OutboxShipment(
                ShipmentKey: reader.GetString(0),
                OrderId: reader.GetString(1),
                Amount: reader.GetInt64(2),
                Status: reader.GetString(3),
                Attempts: reader.GetInt32(4),
                NextAttemptAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                PinnedHost: reader.IsDBNull(6) ? null : reader.GetString(6),
                Host: reader.IsDBNull(7) ? null : reader.GetString(7),
                ShipmentId: reader.IsDBNull(8) ? null : reader.GetString(8),
                LastError: reader.IsDBNull(9) ? null : reader.GetString(9),
                CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                DispatchedAt: reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)))
            {
                Centre = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }

        return shipments;
    }
}
