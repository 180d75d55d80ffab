using System.Net;
using Microsoft.Data.Sqlite;

namespace Chaos.Storefront.Tests.Data;

/// <summary>
/// A database written before orders kept a subtotal and a fulfillment centre (a compose volume kept across an upgrade)
/// is brought up to the schema at start-up, and its orders stay readable.
/// </summary>
public sealed class SchemaUpgradeTests
{
    [Fact]
    public async Task StartUp_OnADatabaseWithoutTheNewOrderColumns_AddsThemAndKeepsTheOrders()
    {
        var path = Path.Combine(Path.GetTempPath(), "chaos-storefront-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await old.OpenAsync(StorefrontHarness.Cancellation);
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE orders (
                    order_id TEXT PRIMARY KEY, cart_id TEXT NOT NULL, email TEXT NOT NULL, amount INTEGER NOT NULL,
                    currency TEXT NOT NULL, status TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE, gateway TEXT NULL,
                    pinned_gateway TEXT NULL, charge_id TEXT NULL, created_at INTEGER NOT NULL, paid_at INTEGER NULL,
                    updated_at INTEGER NOT NULL);
                INSERT INTO orders VALUES ('ord_old', 'cart_old', 'buyer@example.com', 540, 'usd', 'paid', 'order-ord_old',
                    'primary', NULL, 'ch_1', 1764547200000, 1764547200000, 1764547200000);
                """;
            await create.ExecuteNonQueryAsync(StorefrontHarness.Cancellation);
        }

        await using var harness = StorefrontHarness.Start(new() { ["Storefront:DatabasePath"] = path });

        var order = await harness.GetOrderAsync("ord_old");
        order.GetProperty("amount").GetInt64().ShouldBe(540);
        order.GetProperty("subtotal").GetInt64().ShouldBe(0);
        (await harness.CheckoutAsync()).StatusCode.ShouldBe(HttpStatusCode.Created);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
