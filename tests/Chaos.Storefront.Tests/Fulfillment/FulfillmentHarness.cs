using System.Globalization;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Fulfillment;

namespace Chaos.Storefront.Tests.Fulfillment;

/// <summary>A <see cref="StorefrontHarness"/> whose <c>Fulfillment:Hosts</c> point at a pool of host simulators.</summary>
internal sealed class FulfillmentHarness : IAsyncDisposable
{
    private FulfillmentHarness(FulfillmentPool pool, StorefrontHarness storefront)
    {
        Pool = pool;
        Storefront = storefront;
    }

    public FulfillmentPool Pool { get; }

    public StorefrontHarness Storefront { get; }

    /// <summary>Fast settings: dispatch every 50 ms, 1 s per call, hosts ejected for 500 ms unless overridden.</summary>
    public static Dictionary<string, string?> FastSettings() => new()
    {
        ["Fulfillment:DispatchInterval"] = "00:00:00.050",
        ["Fulfillment:AttemptTimeout"] = "00:00:01",
        ["Fulfillment:EjectionDuration"] = "00:00:00.500",
        ["Fulfillment:RetryDelay"] = "00:00:00.050",
        ["Fulfillment:MaxRetryDelay"] = "00:00:00.200",
    };

    /// <summary>Starts the hosts, then a storefront configured with them (and <paramref name="overrides"/>).</summary>
    public static FulfillmentHarness Start(IEnumerable<(string Name, string Os)> hosts, Dictionary<string, string?>? overrides = null) =>
        Start(FulfillmentPool.Start(hosts.Select(h => (h.Name, (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["os"] = h.Os }))), overrides);

    /// <summary>Starts hosts tagged with their centre (passed as <c>Fulfillment:Hosts:&lt;i&gt;:Centre</c>), then the storefront.</summary>
    public static FulfillmentHarness Start(IEnumerable<(string Name, string Os, string Centre)> hosts, Dictionary<string, string?>? overrides = null) =>
        Start(FulfillmentPool.Start(hosts.Select(h => (h.Name, (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["os"] = h.Os, ["centre"] = h.Centre }))), overrides);

    private static FulfillmentHarness Start(FulfillmentPool pool, Dictionary<string, string?>? overrides)
    {
        try
        {
            var settings = FastSettings();
            foreach (var (key, value) in pool.Configuration())
            {
                settings[key] = value;
            }

            foreach (var (key, value) in overrides ?? [])
            {
                settings[key] = value;
            }

            return new FulfillmentHarness(pool, StorefrontHarness.Start(settings));
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }

    public static FaultRule HostOutage(string name = "outage") =>
        new(name, FulfillmentHostSimulator.ShipmentsRoute, new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 });

    /// <summary>Checks out a new cart and returns the order id; fails unless checkout answers 201 (paid) or 202 (pending).</summary>
    public async Task<string> CheckoutAsync()
    {
        var response = await Storefront.CheckoutAsync();
        ((int)response.StatusCode).ShouldBeOneOf(201, 202);
        return (await response.JsonAsync()).Str("orderId")!;
    }

    public async Task<JsonElement> ShippingAsync(string orderId) => (await Storefront.GetOrderAsync(orderId)).GetProperty("shipping");

    /// <summary>Polls until the order's shipment is dispatched, or fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForDispatchAsync(string orderId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var shipping = await ShippingAsync(orderId);
            if (shipping.Str("status") == "dispatched")
            {
                return shipping;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Order {orderId}'s shipment is still {shipping}.");
            }

            await Task.Delay(50, StorefrontHarness.Cancellation);
        }
    }

    /// <summary>Polls <c>/status</c> until <paramref name="condition"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var status = await Storefront.GetStatusAsync();
            if (condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"/status never showed {what}: {status}");
            }

            await Task.Delay(50, StorefrontHarness.Cancellation);
        }
    }

    public int ShipmentsFor(string orderId) => Pool.Shipments.Count(s => s.OrderId == orderId);

    public static int PendingShipments(JsonElement status) => status.GetProperty("backlogs").GetProperty("pendingShipments").GetInt32();

    public static IEnumerable<string?> Notices(JsonElement status) => status.GetProperty("notices").EnumerateArray().Select(n => n.GetString());

    public static JsonElement Dependency(JsonElement status, string name) =>
        status.GetProperty("dependencies").EnumerateArray().Single(d => d.Str("name") == name);

    /// <summary>The outbox row of an order, read from SQLite.</summary>
    public (string Status, int Attempts, string? PinnedHost) Outbox(string orderId)
    {
        using var db = Storefront.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT status, attempts, pinned_host FROM shipments WHERE order_id = $id;";
        command.Parameters.AddWithValue("$id", orderId);
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue($"order {orderId} has no row in the outbox");
        return (reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    public static DateTimeOffset Time(JsonElement element, string property) =>
        DateTimeOffset.Parse(element.Str(property)!, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Storefront.DisposeAsync();
        await Pool.DisposeAsync();
    }
}
