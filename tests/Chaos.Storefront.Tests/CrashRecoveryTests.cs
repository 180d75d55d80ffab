using System.Net.Http.Json;

namespace Chaos.Storefront.Tests;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Worker_WhenACrashLeftAnOrderCreatedAfterTheSecondaryCharged_MarksItPaidWithoutChargingAgain()
    {
        await using var storefront = StorefrontHarness.Start();
        var orderId = "ord_crashed";

        // What a crash leaves: the order stored as created, and a charge the secondary made before the answer was written.
        using (var db = storefront.OpenDatabase())
        using (var insert = db.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO orders (order_id, cart_id, email, amount, currency, status, idempotency_key, created_at, updated_at)
                VALUES ($id, 'cart_crashed', 'buyer@example.com', 1234, 'usd', 'created', $key, $at, $at);
                """;
            insert.Parameters.AddWithValue("$id", orderId);
            insert.Parameters.AddWithValue("$key", $"order-{orderId}");
            insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }

        using var gateway = new HttpClient { BaseAddress = storefront.Secondary.BaseUrl };
        using var charge = new HttpRequestMessage(HttpMethod.Post, "v1/charges")
        {
            Headers = { { "Idempotency-Key", $"order-{orderId}" } },
            Content = JsonContent.Create(new { orderId, amount = 1234, currency = "usd" }),
        };
        (await gateway.SendAsync(charge, StorefrontHarness.Cancellation)).EnsureSuccessStatusCode();

        var order = await storefront.WaitForOrderStatusAsync(orderId, "paid");

        order.Str("gateway").ShouldBe("secondary");
        storefront.Primary.Journal.Charges.ShouldBeEmpty();
        storefront.ChargesFor(storefront.Secondary, orderId).ShouldBe(1);
    }
}
