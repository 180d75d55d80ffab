using System.Globalization;
using Chaos.Storefront.Data;
using Chaos.Storefront.Fulfillment;
using Chaos.Storefront.Orders;
using Microsoft.Data.Sqlite;

namespace Chaos.Storefront.Inventory;

/// <summary>
/// Stock per centre and SKU in SQLite: the units a centre was stocked with and the units live orders took there
/// (<c>committed</c>). Checkout reserves inside the transaction that stores the order, which Microsoft.Data.Sqlite begins
/// with <c>BEGIN IMMEDIATE</c>: writers are serialised, so the check and the decrement are one atomic step and two
/// checkouts of the last unit cannot both get it.
/// </summary>
internal sealed class StockStore(StorefrontDatabase database)
{
    /// <summary>The stock table; created at start-up.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS inventory (
            centre TEXT NOT NULL,
            sku TEXT NOT NULL,
            stock INTEGER NOT NULL,
            committed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (centre, sku));
        """;

    /// <summary>
    /// Creates the table and seeds every centre's stock of every SKU that has no row yet: a kept database keeps its
    /// counts across a restart, and configuration seeds a centre's stock only once.
    /// </summary>
    public async Task SeedAsync(IReadOnlyList<FulfillmentCentreOptions> centres, IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        using (var schema = connection.CreateCommand())
        {
            schema.Transaction = transaction;
            schema.CommandText = Schema;
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        using var seed = connection.CreateCommand();
        seed.Transaction = transaction;
        seed.CommandText = "INSERT OR IGNORE INTO inventory (centre, sku, stock, committed) VALUES ($centre, $sku, $stock, 0);";
        var centreName = seed.Parameters.Add("$centre", SqliteType.Text);
        var sku = seed.Parameters.Add("$sku", SqliteType.Text);
        var stock = seed.Parameters.Add("$stock", SqliteType.Integer);
        var all = skus.ToArray();
        foreach (var centre in centres)
        {
            foreach (var product in all)
            {
                centreName.Value = centre.Name;
                sku.Value = product;
                stock.Value = centre.Stock.TryGetValue(product, out var units) ? units : centre.DefaultStock;
                await seed.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Inside the caller's write transaction: reserves every line at the first <em>open</em> centre (in order of
    /// preference) that can fill them all, or else at the first closed one that can (the order ships late, and says so);
    /// a centre can fill a line from its free units, or always when it takes backorders. Nothing is reserved when no
    /// centre can fill the order.
    /// </summary>
    public static async Task<StockReservation> ReserveAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<OrderLine> lines, IReadOnlyList<FulfillmentCentre> centres, CancellationToken cancellationToken)
    {
        var free = await ReadFreeAsync(connection, transaction, lines, cancellationToken);
        bool CanFill(FulfillmentCentre centre) =>
            centre.AllowBackorders || lines.All(l => free.GetValueOrDefault((centre.Name, l.Sku)) >= l.Quantity);

        // Read once: a host's state may change while this runs, and the order must be placed against one picture.
        var open = centres.Select(c => (Centre: c, c.IsOpen)).ToArray();
        var chosen = open.Where(c => c.IsOpen).Select(c => c.Centre).FirstOrDefault(CanFill)
            ?? open.Where(c => !c.IsOpen).Select(c => c.Centre).FirstOrDefault(CanFill);
        if (chosen is null)
        {
            var (sku, requested, available) = lines
                .Select(l => (l.Sku, l.Quantity, Available: centres.Max(c => free.GetValueOrDefault((c.Name, l.Sku)))))
                .OrderBy(l => l.Available >= l.Quantity)
                .First();
            return new StockReservation.OutOfStock(sku, requested, Math.Max(0, available));
        }

        using var reserve = connection.CreateCommand();
        reserve.Transaction = transaction;
        reserve.CommandText = """
            UPDATE inventory SET committed = committed + $quantity
            WHERE centre = $centre AND sku = $sku AND ($backorders = 1 OR stock - committed >= $quantity);
            """;
        reserve.Parameters.AddWithValue("$centre", chosen.Name);
        reserve.Parameters.AddWithValue("$backorders", chosen.AllowBackorders ? 1 : 0);
        var skuParameter = reserve.Parameters.Add("$sku", SqliteType.Text);
        var quantity = reserve.Parameters.Add("$quantity", SqliteType.Integer);
        foreach (var line in lines)
        {
            skuParameter.Value = line.Sku;
            quantity.Value = line.Quantity;
            if (await reserve.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                // Unreachable while the transaction holds the write lock; thrown rather than oversold.
                throw new InvalidOperationException($"Stock of {line.Sku} at {chosen.Name} changed inside the order's transaction; nothing was reserved.");
            }
        }

        return new StockReservation.Reserved(chosen.Name, open.First(c => c.Centre == chosen).IsOpen);
    }

    /// <summary>Inside the caller's transaction: gives back the units of an order that will never ship (a rejected order).</summary>
    public static async Task ReleaseAsync(SqliteConnection connection, SqliteTransaction transaction, string orderId, CancellationToken cancellationToken)
    {
        using var release = connection.CreateCommand();
        release.Transaction = transaction;
        release.CommandText = """
            UPDATE inventory
            SET committed = committed - (SELECT l.quantity FROM order_lines l WHERE l.order_id = $order AND l.sku = inventory.sku)
            WHERE centre = (SELECT o.centre FROM orders o WHERE o.order_id = $order)
              AND sku IN (SELECT l.sku FROM order_lines l WHERE l.order_id = $order);
            """;
        release.Parameters.AddWithValue("$order", orderId);
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every centre's stock, reserved and shipped units per SKU; orders stored without a centre count at <paramref name="defaultCentre"/>.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<StockLevel>>> ListAsync(string defaultCentre, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT i.centre, i.sku, i.stock, i.committed, COALESCE(d.units, 0)
            FROM inventory i
            LEFT JOIN (
                SELECT COALESCE(o.centre, $default) AS centre, l.sku AS sku, SUM(l.quantity) AS units
                FROM shipments s
                JOIN orders o ON o.order_id = s.order_id
                JOIN order_lines l ON l.order_id = s.order_id
                WHERE s.status = '{ShipmentStatus.Dispatched}'
                GROUP BY 1, 2) d ON d.centre = i.centre AND d.sku = i.sku
            ORDER BY i.centre, i.sku;
            """;
        command.Parameters.AddWithValue("$default", defaultCentre);
        var levels = new Dictionary<string, List<StockLevel>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var centre = reader.GetString(0);
            if (!levels.TryGetValue(centre, out var list))
            {
                levels[centre] = list = [];
            }

            var shipped = reader.GetInt64(4);
            list.Add(new StockLevel(reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) - shipped, shipped));
        }

        return levels.ToDictionary(l => l.Key, l => (IReadOnlyList<StockLevel>)l.Value, StringComparer.Ordinal);
    }

    private static async Task<Dictionary<(string Centre, string Sku), long>> ReadFreeAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<OrderLine> lines, CancellationToken cancellationToken)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        var names = new List<string>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            names.Add("$s" + i.ToString(CultureInfo.InvariantCulture));
            read.Parameters.AddWithValue(names[i], lines[i].Sku);
        }

        read.CommandText = $"SELECT centre, sku, stock - committed FROM inventory WHERE sku IN ({string.Join(", ", names)});";
        var free = new Dictionary<(string, string), long>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            free[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        return free;
    }
}
