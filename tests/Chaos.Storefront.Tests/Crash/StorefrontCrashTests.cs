using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Hosting;
using Chaos.Simulators.Fulfillment;
using Chaos.Simulators.Payments;
using Chaos.Simulators.Tax;
using Chaos.Storefront.Tests.Fulfillment;
using Microsoft.Data.Sqlite;
using Xunit.Sdk;

namespace Chaos.Storefront.Tests.Crash;

/// <summary>
/// The storefront as a real process, SIGKILLed with payments pending and shipments in the outbox, then restarted on the
/// same SQLite file: the journals of the simulators (in this process) say whether anything was lost or done twice.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class StorefrontCrashTests : IAsyncLifetime
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "chaos-storefront-tests", "crash-" + Guid.NewGuid().ToString("N") + ".db");
    private PaymentGatewaySimulator primary = null!;
    private PaymentGatewaySimulator secondary = null!;
    private FulfillmentPool pool = null!;
    private TaxServiceSimulator tax = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        primary = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Name = "payments.primary", Seed = 1 });
        secondary = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Name = "payments.secondary", Seed = 2 });
        tax = TaxServiceSimulator.Start();
        pool = FulfillmentPool.Start(
        [
            ("fc-win-1", new Dictionary<string, string> { ["os"] = "windows" }),
            ("fc-linux-1", new Dictionary<string, string> { ["os"] = "linux" }),
        ]);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await primary.DisposeAsync();
        await secondary.DisposeAsync();
        await pool.DisposeAsync();
        await tax.DisposeAsync();
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
    public async Task Storefront_WhenKilledWithPaymentsPendingAndShipmentsInTheOutbox_PaysAndShipsEveryAcceptedOrderExactlyOnceAfterRestart()
    {
        var clock = Stopwatch.StartNew();
        var accepted = new List<string>();

        // Every fulfillment host is down: one refuses connections, the other answers 503.
        pool["fc-win-1"].StopListening();
        pool["fc-linux-1"].Faults.Apply(FulfillmentHarness.HostOutage());

        using (var first = await StorefrontProcess.StartAsync(Settings(), Cancellation))
        {
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    accepted.Add(await CheckoutAsync(first.Client, HttpStatusCode.Created));
                }

                primary.Faults.Apply(StorefrontHarness.Outage());
                secondary.Faults.Apply(StorefrontHarness.Outage());
                for (var i = 0; i < 3; i++)
                {
                    accepted.Add(await CheckoutAsync(first.Client, HttpStatusCode.Accepted));
                }

                await WaitForStatusAsync(first.Client, s => Backlog(s, "pendingPayments") == 3 && Backlog(s, "pendingShipments") == 3, "3 pending payments and 3 pending shipments");

                // Checkouts keep arriving while the process dies: the ones answered 201/202 were accepted.
                using var stopLoad = new CancellationTokenSource();
                var load = Task.Run(() => CheckoutUntilAsync(first.Client, accepted, stopLoad.Token), Cancellation);
                await Task.Delay(500, Cancellation);
                first.Kill();
                await stopLoad.CancelAsync();
                await load;
            }
            catch (Exception ex) when (ex is not XunitException)
            {
                throw new XunitException($"{ex}\nStorefront output:\n{first.Output}");
            }
        }

        pool.Shipments.ShouldBeEmpty("no host was up before the crash");
        primary.Journal.Charges.Count.ShouldBe(3);

        primary.Faults.Clear("outage");
        secondary.Faults.Clear("outage");
        pool["fc-linux-1"].Faults.Clear("outage");
        pool["fc-win-1"].StartListening();

        using (var second = await StorefrontProcess.StartAsync(Settings(), Cancellation))
        {
            try
            {
                // Orders the crash left "created" are settled once they are 5 s old, so the drain can take that long.
                await WaitForStatusAsync(second.Client, s => Backlog(s, "pendingPayments") == 0 && Backlog(s, "pendingShipments") == 0 && AllSettled(), "both backlogs drained");
                foreach (var orderId in accepted)
                {
                    var order = await second.Client.GetFromJsonAsync<JsonElement>($"/orders/{orderId}", Cancellation);
                    order.Str("status").ShouldBe("paid", $"accepted order {orderId}");
                    order.GetProperty("shipping").Str("status").ShouldBe("dispatched", $"accepted order {orderId}");
                }
            }
            catch (Exception ex) when (ex is not XunitException)
            {
                throw new XunitException($"{ex}\nStorefront output:\n{second.Output}");
            }
        }

        var charges = primary.Journal.Charges.Concat(secondary.Journal.Charges).ToList();
        var shipments = pool.Shipments;
        foreach (var orderId in accepted)
        {
            charges.Count(c => c.OrderId == orderId).ShouldBe(1, $"accepted order {orderId} must be charged exactly once; {Describe(orderId)}");
            shipments.Count(s => s.OrderId == orderId).ShouldBe(1, $"accepted order {orderId} must be shipped exactly once");
        }

        // Orders in flight when the process died were never answered; they may be paid, but never twice, and every
        // paid order in the database is shipped exactly once.
        charges.GroupBy(c => c.OrderId).ShouldAllBe(g => g.Count() == 1);
        shipments.GroupBy(s => s.OrderId).ShouldAllBe(g => g.Count() == 1);
        var paid = PaidOrders();
        paid.ShouldBe(charges.Select(c => c.OrderId).Order(), ignoreOrder: true);
        paid.ShouldBe(shipments.Select(s => s.OrderId).Order(), ignoreOrder: true);
        accepted.Count.ShouldBeGreaterThanOrEqualTo(6);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storefront:DatabasePath"] = databasePath,
            ["Identity:Authority"] = $"http://127.0.0.1:{LoopbackPort.Free()}/",
            ["Payments:Primary:BaseUrl"] = primary.BaseUrl.ToString(),
            ["Payments:Secondary:BaseUrl"] = secondary.BaseUrl.ToString(),
            ["Tax:BaseUrl"] = tax.BaseUrl.ToString(),
            ["Payments:PendingLimit"] = "1000",
            ["Payments:CaptureInterval"] = "00:00:00.200",
            ["Fulfillment:DispatchInterval"] = "00:00:00.100",
            ["Fulfillment:AttemptTimeout"] = "00:00:01",
            ["Fulfillment:EjectionDuration"] = "00:00:00.500",
            ["Fulfillment:RetryDelay"] = "00:00:00.100",
            ["Fulfillment:MaxRetryDelay"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var gateway in new[] { "Primary", "Secondary" })
        {
            var r = $"Payments:{gateway}:Resilience";
            // Tight on purpose: a cold process on a busy machine times charges out that then land late, and a lookup
            // can overtake a charge still queued at the gateway. This once made failover charge twice; keep it tight.
            settings[$"{r}:AttemptTimeout"] = "00:00:01";
            settings[$"{r}:TotalTimeout"] = "00:00:03";
            settings[$"{r}:Retry:Delay"] = "00:00:00.020";
            settings[$"{r}:CircuitBreaker:BreakDuration"] = "00:00:01";
        }

        foreach (var (key, value) in pool.Configuration())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<string> CheckoutAsync(HttpClient client, HttpStatusCode expected)
    {
        var response = await CheckoutAsync(client, Cancellation);
        response.StatusCode.ShouldBe(expected);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).Str("orderId")!;
    }

    private static async Task<HttpResponseMessage> CheckoutAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var cart = await client.PostAsync("/carts", null, cancellationToken);
        cart.StatusCode.ShouldBe(HttpStatusCode.Created);
        var cartId = (await cart.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).Str("cartId")!;
        (await client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = "sku-002", quantity = 1 }, cancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return await client.PostAsJsonAsync("/checkout", new { cartId, email = "buyer@example.com" }, cancellationToken);
    }

    private static async Task CheckoutUntilAsync(HttpClient client, List<string> accepted, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await CheckoutAsync(client, stop);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Accepted)
                {
                    var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).Str("orderId")!;
                    lock (accepted)
                    {
                        accepted.Add(orderId);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ShouldAssertException or JsonException)
            {
                // The process died mid-request: that order was never accepted.
                if (!stop.IsCancellationRequested)
                {
                    await Task.Delay(20, CancellationToken.None);
                }
            }
        }
    }

    private static async Task WaitForStatusAsync(HttpClient client, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(25);
        var status = default(JsonElement);
        while (DateTime.UtcNow < deadline)
        {
            status = await client.GetFromJsonAsync<JsonElement>("/status", Cancellation);
            if (condition(status))
            {
                return;
            }

            await Task.Delay(100, Cancellation);
        }

        throw new XunitException($"/status never showed {what}: {status}");
    }

    private static int Backlog(JsonElement status, string name) => status.GetProperty("backlogs").GetProperty(name).GetInt32();

    /// <summary>No order is left <c>created</c> (checkouts the crash cut short) or <c>payment_pending</c>.</summary>
    private bool AllSettled()
    {
        using var db = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orders WHERE status IN ('created', 'payment_pending');";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    private string Describe(string orderId)
    {
        var lines = new List<string>();
        lines.AddRange(primary.Journal.Charges.Where(c => c.OrderId == orderId).Select(c => $"primary charge {c.ChargeId} key {c.IdempotencyKey} at {c.At:O}"));
        lines.AddRange(secondary.Journal.Charges.Where(c => c.OrderId == orderId).Select(c => $"secondary charge {c.ChargeId} key {c.IdempotencyKey} at {c.At:O}"));
        using var db = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT gateway, operation, outcome, detail, at FROM payment_attempts WHERE order_id = $id ORDER BY id;";
        command.Parameters.AddWithValue("$id", orderId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lines.Add($"attempt {reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {(reader.IsDBNull(3) ? "" : reader.GetString(3))} at {DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)):O}");
        }

        return string.Join("\n", lines);
    }

    private List<string> PaidOrders()
    {
        using var db = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT order_id FROM orders WHERE status = 'paid' ORDER BY order_id;";
        using var reader = command.ExecuteReader();
        var paid = new List<string>();
        while (reader.Read())
        {
            paid.Add(reader.GetString(0));
        }

        return paid;
    }
}
