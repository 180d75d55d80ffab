using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Hosting;
using Chaos.Simulators.Fulfillment;
using Chaos.Simulators.Payments;
using Chaos.Simulators.Tax;
using Microsoft.Data.Sqlite;
using Xunit.Sdk;

namespace Chaos.Storefront.Tests.Crash;

/// <summary>
/// The storefront SIGKILLed while a slow fulfillment host holds a shipment it has already created (the answer is late),
/// then restarted on the same SQLite file. Only the host knows it shipped: with the host pinned before the call the
/// restarted dispatcher looks the shipment up there; without, it sends it to the next host and the order ships twice.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class StorefrontCrashMidDispatchTests : IAsyncLifetime
{
    private const string SlowHost = "fc-win-1";
    private const string OtherHost = "fc-linux-1";
    private const int Orders = 3;

    /// <summary>Longer than the kill takes: the storefront dies before the host answers.</summary>
    private static readonly TimeSpan HostLatency = TimeSpan.FromSeconds(3);

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "chaos-storefront-tests", "crash-dispatch-" + Guid.NewGuid().ToString("N") + ".db");
    private PaymentGatewaySimulator primary = null!;
    private TaxServiceSimulator tax = null!;
    private FulfillmentPool pool = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        primary = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Name = "payments.primary", Seed = 1 });
        tax = TaxServiceSimulator.Start();

        // Configuration order matters: a fresh process offers its first shipment to hosts[1] first (round robin), so the
        // slow host is hosts[0] and the restarted dispatcher, unpinned, picks the other one.
        pool = FulfillmentPool.Start(
        [
            (SlowHost, new Dictionary<string, string> { ["os"] = "windows" }),
            (OtherHost, new Dictionary<string, string> { ["os"] = "linux" }),
        ]);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await primary.DisposeAsync();
        await tax.DisposeAsync();
        await pool.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(databasePath + suffix);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is cleaned by the OS.
            }
        }
    }

    [Fact]
    public async Task Storefront_WhenKilledWhileASlowHostIsShipping_LooksTheShipmentUpThereAfterRestartAndShipsEveryOrderOnce()
    {
        var clock = Stopwatch.StartNew();
        var (accepted, inFlight) = await KillWhileShippingAsync(pinHostBeforeSend: true);

        await RestartAndDrainAsync(pinHostBeforeSend: true);

        var shipments = pool.Shipments;
        foreach (var orderId in accepted)
        {
            shipments.Count(s => s.OrderId == orderId).ShouldBe(1, $"accepted order {orderId} must be shipped exactly once; journals: {Describe(shipments)}");
        }

        shipments.Single(s => s.OrderId == inFlight).Host.ShouldBe(SlowHost, "the order in flight at the kill stays where it was shipped");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task Storefront_WhenKilledWhileASlowHostIsShippingWithPinHostBeforeSendOff_ShipsThatOrderTwice()
    {
        var (_, inFlight) = await KillWhileShippingAsync(pinHostBeforeSend: false);

        await RestartAndDrainAsync(pinHostBeforeSend: false);

        // The broken setting this option keeps for the scenario suite: the defect it guards against is real.
        pool.Shipments.Where(s => s.OrderId == inFlight).Select(s => s.Host).Order()
            .ToArray().ShouldBe([OtherHost, SlowHost], $"journals: {Describe(pool.Shipments)}");
    }

    /// <summary>
    /// Checks out <see cref="Orders"/> orders with only the slow host up and kills the storefront as soon as that host
    /// has created the first shipment (its answer is still <see cref="HostLatency"/> away).
    /// </summary>
    private async Task<(List<string> Accepted, string InFlight)> KillWhileShippingAsync(bool pinHostBeforeSend)
    {
        pool[OtherHost].StopListening();
        pool[SlowHost].Faults.Apply(new FaultRule("slow", FulfillmentHostSimulator.ShipmentsRoute, new FaultSpec { Kind = FaultKind.Latency, Delay = HostLatency }));
        var accepted = new List<string>();
        using (var first = await StorefrontProcess.StartAsync(Settings(pinHostBeforeSend), Cancellation))
        {
            try
            {
                for (var i = 0; i < Orders; i++)
                {
                    accepted.Add(await CheckoutAsync(first.Client));
                }

                await WaitUntilAsync(() => pool[SlowHost].Journal.Shipments.Count > 0, $"{SlowHost} to receive a shipment", first);
                first.Kill();
            }
            catch (Exception ex) when (ex is not XunitException)
            {
                throw new XunitException($"{ex}\nStorefront output:\n{first.Output}");
            }
        }

        var inFlight = pool[SlowHost].Journal.Shipments.ShouldHaveSingleItem().OrderId;
        DispatchedOrders().ShouldNotContain(inFlight, "the storefront died before the host's answer arrived");
        pool[SlowHost].Faults.Clear("slow");
        pool[OtherHost].StartListening();
        return (accepted, inFlight);
    }

    private async Task RestartAndDrainAsync(bool pinHostBeforeSend)
    {
        using var second = await StorefrontProcess.StartAsync(Settings(pinHostBeforeSend), Cancellation);
        try
        {
            await WaitUntilAsync(() => DispatchedOrders().Count == Orders, $"all {Orders} shipments dispatched", second);
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            throw new XunitException($"{ex}\nStorefront output:\n{second.Output}");
        }
    }

    private Dictionary<string, string?> Settings(bool pinHostBeforeSend)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storefront:DatabasePath"] = databasePath,
            ["Identity:Authority"] = $"http://127.0.0.1:{LoopbackPort.Free()}/",
            ["Payments:Primary:BaseUrl"] = primary.BaseUrl.ToString(),
            ["Tax:BaseUrl"] = tax.BaseUrl.ToString(),
            ["Fulfillment:DispatchInterval"] = "00:00:00.100",
            ["Fulfillment:AttemptTimeout"] = "00:00:10",
            ["Fulfillment:EjectionDuration"] = "00:00:00.500",
            ["Fulfillment:RetryDelay"] = "00:00:00.100",
            ["Fulfillment:MaxRetryDelay"] = "00:00:00.500",
            ["Fulfillment:PinHostBeforeSend"] = pinHostBeforeSend ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in pool.Configuration())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<string> CheckoutAsync(HttpClient client)
    {
        var cart = await client.PostAsync("/carts", null, Cancellation);
        cart.StatusCode.ShouldBe(HttpStatusCode.Created);
        var cartId = (await cart.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).Str("cartId")!;
        (await client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = "sku-002", quantity = 2 }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await client.PostAsJsonAsync("/checkout", new { cartId, email = "buyer@example.com" }, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).Str("orderId")!;
    }

    /// <summary>Waits for an event the test observes (a journal entry, a database row), up to 20 s.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what, StorefrontProcess storefront)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new XunitException($"Waited 20 s for {what}.\nStorefront output:\n{storefront.Output}");
            }

            await Task.Delay(20, Cancellation);
        }
    }

    private List<string> DispatchedOrders()
    {
        using var db = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT order_id FROM shipments WHERE status = 'dispatched';";
        using var reader = command.ExecuteReader();
        var dispatched = new List<string>();
        while (reader.Read())
        {
            dispatched.Add(reader.GetString(0));
        }

        return dispatched;
    }

    private static string Describe(IEnumerable<ShipmentRecord> shipments) =>
        string.Join("; ", shipments.Select(s => $"{s.OrderId} on {s.Host}"));
}
