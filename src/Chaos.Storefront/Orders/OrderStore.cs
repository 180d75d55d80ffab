using Chaos.Storefront.Carts;
using Chaos.Storefront.Data;
using Chaos.Storefront.Fulfillment;
using Chaos.Storefront.Inventory;
using Chaos.Storefront.Payments;
using Microsoft.Data.Sqlite;

namespace Chaos.Storefront.Orders;

/// <summary>
/// Orders in SQLite. Every change of status is one transaction, guarded by the status it leaves, so that checkout and
/// the capture worker can never both settle an order.
/// </summary>
internal sealed class OrderStore(StorefrontDatabase database, FulfillmentCentres centres, TimeProvider time)
{
    private const string Columns =
        "order_id, cart_id, email, amount, currency, status, idempotency_key, gateway, pinned_gateway, charge_id, created_at, paid_at, subtotal, centre";

    // Above this many orders a listing reads every line at once rather than naming the orders.
    private const int MaxNamedOrders = 500;

    private const string LiveOrderOfCart = $"SELECT order_id FROM orders WHERE cart_id = $cart AND status <> '{OrderStatus.Rejected}' LIMIT 1;";

    private const string Unsettled = $"status IN ('{OrderStatus.Created}', '{OrderStatus.PaymentPending}')";

    /// <summary>
    /// In one transaction: reads the cart, refuses a cart that already has a live order, and stores the order as
    /// <c>created</c> with its idempotency key. With <paramref name="pricing"/> (a tax quote), the order's amount is its
    /// total, provided the cart's subtotal is still the one quoted. The order's units are reserved in the same transaction
    /// (<see cref="StockStore.ReserveAsync"/>): an order is stored with its stock or not at all.
    /// </summary>
    public async Task<CreateOrderResult> CreateAsync(string orderId, string cartId, string email, string currency, CancellationToken cancellationToken, (long Subtotal, long Total)? pricing = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        var cart = await CartStore.ReadAsync(connection, transaction, cartId, cancellationToken);
        if (cart is null)
        {
            return new CreateOrderResult.CartNotFound();
        }

        if (cart.Items.Count == 0)
        {
            return new CreateOrderResult.CartEmpty();
        }

        using (var existing = connection.CreateCommand())
        {
            existing.Transaction = transaction;
            existing.CommandText = LiveOrderOfCart;
            existing.Parameters.AddWithValue("$cart", cartId);
            if (await existing.ExecuteScalarAsync(cancellationToken) is string existingOrderId)
            {
                return new CreateOrderResult.CartAlreadyOrdered(existingOrderId);
            }
        }

        if (pricing is { } priced && priced.Subtotal != cart.Total)
        {
            return new CreateOrderResult.CartChanged();
        }

        var lines = cart.Items.Select(item => new OrderLine(item.Sku, item.Quantity, item.Price)).ToArray();
        var reservation = await StockStore.ReserveAsync(connection, transaction, lines, centres.All, cancellationToken);
        if (reservation is not StockReservation.Reserved reserved)
        {
            var (sku, requested, available) = (StockReservation.OutOfStock)reservation;
            return new CreateOrderResult.OutOfStock(sku, requested, available);
        }

        var now = time.GetUtcNow();
        var order = new OrderRecord(orderId, cartId, email, pricing?.Total ?? cart.Total, currency, OrderStatus.Created, OrderRecord.KeyFor(orderId), null, null, null, now, null)
        {
            Subtotal = cart.Total,
            Lines = lines,
            Centre = reserved.Centre,
        };
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO orders (order_id, cart_id, email, amount, currency, status, idempotency_key, created_at, updated_at, subtotal, centre)
                VALUES ($id, $cart, $email, $amount, $currency, $status, $key, $at, $at, $subtotal, $centre);
                """;
            insert.Parameters.AddWithValue("$centre", reserved.Centre);
            insert.Parameters.AddWithValue("$subtotal", order.Subtotal);
            insert.Parameters.AddWithValue("$id", order.OrderId);
            insert.Parameters.AddWithValue("$cart", order.CartId);
            insert.Parameters.AddWithValue("$email", order.Email);
            insert.Parameters.AddWithValue("$amount", order.Amount);
            insert.Parameters.AddWithValue("$currency", order.Currency);
            insert.Parameters.AddWithValue("$status", order.Status);
            insert.Parameters.AddWithValue("$key", order.IdempotencyKey);
            insert.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // The order owns a copy of its lines: the shipment is built from these, never from the cart.
        using (var insertLines = connection.CreateCommand())
        {
            insertLines.Transaction = transaction;
            insertLines.CommandText = "INSERT INTO order_lines (order_id, sku, quantity, unit_price) VALUES ($id, $sku, $quantity, $price);";
            insertLines.Parameters.AddWithValue("$id", order.OrderId);
            var sku = insertLines.Parameters.Add("$sku", SqliteType.Text);
            var quantity = insertLines.Parameters.Add("$quantity", SqliteType.Integer);
            var price = insertLines.Parameters.Add("$price", SqliteType.Integer);
            foreach (var line in order.Lines)
            {
                sku.Value = line.Sku;
                quantity.Value = line.Quantity;
                price.Value = line.UnitPrice;
                await insertLines.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new CreateOrderResult.Created(order);
    }

    /// <summary>
    /// Marks an unsettled order paid and enqueues its shipment in the outbox, in one transaction; false when it was
    /// already settled.
    /// </summary>
    public async Task<bool> MarkPaidAsync(string orderId, string gateway, string chargeId, IReadOnlyList<PaymentAttempt> attempts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"""
            UPDATE orders SET status = '{OrderStatus.Paid}', gateway = $gateway, charge_id = $charge, pinned_gateway = NULL,
                paid_at = $at, updated_at = $at
            WHERE order_id = $id AND {Unsettled};
            """;
        update.Parameters.AddWithValue("$id", orderId);
        update.Parameters.AddWithValue("$gateway", gateway);
        update.Parameters.AddWithValue("$charge", chargeId);
        var paidAt = time.GetUtcNow();
        update.Parameters.AddWithValue("$at", paidAt.ToUnixTimeMilliseconds());
        var changed = await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (changed)
        {
            await ShipmentStore.EnqueueAsync(connection, transaction, orderId, paidAt, cancellationToken);
        }

        await InsertAttemptsAsync(connection, transaction, orderId, attempts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Keeps an unsettled order pending, pinned to <paramref name="pinnedGateway"/> when a charge there had an unknown
    /// outcome. The pending limit does not apply: the order may already be charged, so it must not be rejected.
    /// </summary>
    public async Task MarkPendingAsync(string orderId, string? pinnedGateway, IReadOnlyList<PaymentAttempt> attempts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"""
            UPDATE orders SET status = '{OrderStatus.PaymentPending}', pinned_gateway = $pinned, updated_at = $at
            WHERE order_id = $id AND {Unsettled};
            """;
        update.Parameters.AddWithValue("$id", orderId);
        update.Parameters.AddWithValue("$pinned", (object?)pinnedGateway ?? DBNull.Value);
        update.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeMilliseconds());
        await update.ExecuteNonQueryAsync(cancellationToken);
        await InsertAttemptsAsync(connection, transaction, orderId, attempts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Settles a <c>created</c> order that no gateway could charge: <c>payment_pending</c> while fewer than
    /// <paramref name="pendingLimit"/> orders are pending, otherwise <c>rejected</c>, which gives its reserved units back.
    /// Count, update and release are one transaction.
    /// </summary>
    /// <returns>The status written.</returns>
    public async Task<string> MarkPendingOrRejectedAsync(string orderId, int pendingLimit, IReadOnlyList<PaymentAttempt> attempts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var pending = await CountPendingAsync(connection, transaction, cancellationToken);
        var status = pending < pendingLimit ? OrderStatus.PaymentPending : OrderStatus.Rejected;

        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = $"""
            UPDATE orders SET status = $status, pinned_gateway = NULL, updated_at = $at
            WHERE order_id = $id AND status = '{OrderStatus.Created}';
            """;
        update.Parameters.AddWithValue("$id", orderId);
        update.Parameters.AddWithValue("$status", status);
        update.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeMilliseconds());
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 1 && status == OrderStatus.Rejected)
        {
            await StockStore.ReleaseAsync(connection, transaction, orderId, cancellationToken);
        }

        await InsertAttemptsAsync(connection, transaction, orderId, attempts, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return status;
    }

    /// <summary>The live (not rejected) order of a cart, if it was already checked out.</summary>
    public async Task<string?> FindLiveOrderOfCartAsync(string cartId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = LiveOrderOfCart;
        command.Parameters.AddWithValue("$cart", cartId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<OrderRecord?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM orders WHERE order_id = $id;";
        command.Parameters.AddWithValue("$id", orderId);
        var orders = await WithLinesAsync(connection, await ReadOrdersAsync(command, cancellationToken), cancellationToken);
        return orders.Count == 0 ? null : orders[0];
    }

    /// <summary>Every order, oldest first.</summary>
    public async Task<IReadOnlyList<OrderRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM orders ORDER BY created_at, order_id;";
        return await WithLinesAsync(connection, await ReadOrdersAsync(command, cancellationToken), cancellationToken);
    }

    /// <summary>The most recent orders, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<OrderRecord>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM orders ORDER BY created_at DESC, order_id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", limit);
        return await WithLinesAsync(connection, await ReadOrdersAsync(command, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The orders the capture worker should settle, oldest first: every pending order, and <c>created</c> orders
    /// stored before <paramref name="createdBefore"/> (their checkout never finished).
    /// </summary>
    public async Task<IReadOnlyList<OrderRecord>> ListUnsettledAsync(DateTimeOffset createdBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM orders
            WHERE status = '{OrderStatus.PaymentPending}' OR (status = '{OrderStatus.Created}' AND created_at < $before)
            ORDER BY created_at, order_id
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$before", createdBefore.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadOrdersAsync(command, cancellationToken);
    }

    public async Task<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CountPendingAsync(connection, null, cancellationToken);
    }

    private static async Task<int> CountPendingAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = $"SELECT COUNT(*) FROM orders WHERE status = '{OrderStatus.PaymentPending}';";
        return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task InsertAttemptsAsync(SqliteConnection connection, SqliteTransaction transaction, string orderId, IReadOnlyList<PaymentAttempt> attempts, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0)
        {
            return;
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO payment_attempts (order_id, gateway, operation, outcome, detail, at)
            VALUES ($order, $gateway, $operation, $outcome, $detail, $at);
            """;
        insert.Parameters.AddWithValue("$order", orderId);
        var gateway = insert.Parameters.Add("$gateway", SqliteType.Text);
        var operation = insert.Parameters.Add("$operation", SqliteType.Text);
        var outcome = insert.Parameters.Add("$outcome", SqliteType.Text);
        var detail = insert.Parameters.Add("$detail", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        foreach (var attempt in attempts)
        {
            gateway.Value = attempt.Gateway;
            operation.Value = attempt.Operation;
            outcome.Value = attempt.Outcome;
            detail.Value = (object?)attempt.Detail ?? DBNull.Value;
            at.Value = attempt.At.ToUnixTimeMilliseconds();
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<OrderRecord>> ReadOrdersAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var orders = new List<OrderRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            orders.Add(new OrderRecord(
                OrderId: reader.GetString(0),
                CartId: reader.GetString(1),
                Email: reader.GetString(2),
                Amount: reader.GetInt64(3),
                Currency: reader.GetString(4),
                Status: reader.GetString(5),
                IdempotencyKey: reader.GetString(6),
                Gateway: reader.IsDBNull(7) ? null : reader.GetString(7),
                PinnedGateway: reader.IsDBNull(8) ? null : reader.GetString(8),
                ChargeId: reader.IsDBNull(9) ? null : reader.GetString(9),
                CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                PaidAt: reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)))
            {
                Subtotal = reader.GetInt64(12),
                Centre = reader.IsDBNull(13) ? null : reader.GetString(13),
            });
        }

        return orders;
    }

    /// <summary>Reads the lines of <paramref name="orders"/> and returns the orders with them.</summary>
    private static async Task<IReadOnlyList<OrderRecord>> WithLinesAsync(SqliteConnection connection, List<OrderRecord> orders, CancellationToken cancellationToken)
    {
        if (orders.Count == 0)
        {
            return orders;
        }

        using var command = connection.CreateCommand();
        if (orders.Count > MaxNamedOrders)
        {
            command.CommandText = "SELECT order_id, sku, quantity, unit_price FROM order_lines ORDER BY order_id, sku;";
        }
        else
        {
            var names = new List<string>(orders.Count);
            for (var i = 0; i < orders.Count; i++)
            {
                names.Add("$o" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue(names[i], orders[i].OrderId);
            }

            command.CommandText = $"SELECT order_id, sku, quantity, unit_price FROM order_lines WHERE order_id IN ({string.Join(", ", names)}) ORDER BY order_id, sku;";
        }

        var lines = new Dictionary<string, List<OrderLine>>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var orderId = reader.GetString(0);
                if (!lines.TryGetValue(orderId, out var list))
                {
                    lines[orderId] = list = [];
                }

                list.Add(new OrderLine(reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)));
            }
        }

        return [.. orders.Select(order => lines.TryGetValue(order.OrderId, out var list) ? order with { Lines = list } : order)];
    }
}
