using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Fulfillment;
using Chaos.Storefront.Fulfillment;

namespace Chaos.Storefront.Tests.Fulfillment;

public sealed class FulfillmentTests
{
    private static readonly (string Name, string Os)[] ThreeHosts = [("fc-win-1", "windows"), ("fc-win-2", "windows"), ("fc-linux-1", "linux")];

    [Fact]
    public async Task Checkout_WhenHostsAreHealthy_ShipsThePaidOrderExactlyOnceWithThePromisedEstimate()
    {
        await using var harness = FulfillmentHarness.Start(ThreeHosts);

        var orderId = await harness.CheckoutAsync();
        var shipping = await harness.WaitForDispatchAsync(orderId);

        var shipment = harness.Pool.Shipments.ShouldHaveSingleItem();
        shipment.OrderId.ShouldBe(orderId);
        shipment.IdempotencyKey.ShouldBe($"ship-{orderId}");
        shipping.Str("host").ShouldBe(shipment.Host);
        shipping.Str("shipmentId").ShouldBe(shipment.ShipmentId);
        shipping.GetProperty("delayed").GetBoolean().ShouldBeFalse();
        var order = await harness.Storefront.GetOrderAsync(orderId);
        FulfillmentHarness.Time(shipping, "estimatedDelivery").ShouldBe(FulfillmentHarness.Time(order, "paidAt") + TimeSpan.FromDays(2), TimeSpan.FromSeconds(1));

        // The dispatcher keeps running; the shipment is never sent again.
        await harness.Storefront.RunDispatchPassesAsync();
        harness.Pool.Shipments.Count.ShouldBe(1);
        harness.Pool.Hosts.Sum(h => h.Journal.Calls.Count(c => c.Route == FulfillmentHostSimulator.ShipmentsRoute)).ShouldBe(1);
        var status = await harness.Storefront.GetStatusAsync();
        FulfillmentHarness.PendingShipments(status).ShouldBe(0);
        FulfillmentHarness.Notices(status).ShouldNotContain(DeliveryEstimator.DeliveriesDelayed);
    }

    [Fact]
    public async Task Dispatch_WhenTheWindowsCohortIsDown_ShipsToTheHealthyHostAndEjectsTheDeadOnes()
    {
        await using var harness = FulfillmentHarness.Start(ThreeHosts, new() { ["Fulfillment:EjectionDuration"] = "00:01:00" });
        var windows = harness.Pool.Tagged("os", "windows");
        foreach (var host in windows)
        {
            host.StopListening();
        }

        var orders = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            orders.Add(await harness.CheckoutAsync());
        }

        foreach (var orderId in orders)
        {
            (await harness.WaitForDispatchAsync(orderId)).Str("host").ShouldBe("fc-linux-1");
            harness.ShipmentsFor(orderId).ShouldBe(1);
        }

        harness.Pool["fc-linux-1"].Journal.Shipments.Count.ShouldBe(4);
        windows.ShouldAllBe(h => h.Journal.Calls.Count == 0);

        var status = await harness.Storefront.GetStatusAsync();
        foreach (var name in new[] { "fc-win-1", "fc-win-2" })
        {
            var dead = FulfillmentHarness.Dependency(status, $"fulfillment.{name}");
            dead.Str("circuit").ShouldBe("open");
            dead.GetProperty("healthy").GetBoolean().ShouldBeFalse();
            dead.GetProperty("tags").GetProperty("os").GetString().ShouldBe("windows");
        }

        var healthy = FulfillmentHarness.Dependency(status, "fulfillment.fc-linux-1");
        healthy.Str("circuit").ShouldBe("closed");
        healthy.GetProperty("healthy").GetBoolean().ShouldBeTrue();
        FulfillmentHarness.PendingShipments(status).ShouldBe(0);
    }

    [Fact]
    public async Task Checkout_WhenAllHostsAreDown_AcceptsOrdersReportsDelayedDeliveryAndDrainsOncePerOrderWhenHostsReturn()
    {
        await using var harness = FulfillmentHarness.Start(ThreeHosts);
        foreach (var host in harness.Pool.Hosts)
        {
            host.StopListening();
        }

        var orders = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await harness.Storefront.CheckoutAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            orders.Add((await response.JsonAsync()).Str("orderId")!);
        }

        var status = await harness.WaitForStatusAsync(
            s => FulfillmentHarness.PendingShipments(s) == 3 && FulfillmentHarness.Notices(s).Contains(DeliveryEstimator.DeliveriesDelayed),
            "three pending shipments and the delivery notice");
        status.GetProperty("backlogs").GetProperty("oldestPendingShipmentSeconds").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        harness.Pool.Hosts.ShouldAllBe(h => FulfillmentHarness.Dependency(status, h.Dependency).GetProperty("healthy").GetBoolean() == false);

        var order = await harness.Storefront.GetOrderAsync(orders[0]);
        var shipping = order.GetProperty("shipping");
        shipping.Str("status").ShouldBe("pending");
        shipping.GetProperty("delayed").GetBoolean().ShouldBeTrue();
        shipping.GetProperty("host").ValueKind.ShouldBe(JsonValueKind.Null);
        var promised = FulfillmentHarness.Time(order, "paidAt") + TimeSpan.FromDays(2);
        FulfillmentHarness.Time(shipping, "estimatedDelivery").ShouldBeGreaterThanOrEqualTo(promised + TimeSpan.FromDays(1));
        harness.Pool.Shipments.ShouldBeEmpty();

        foreach (var host in harness.Pool.Hosts)
        {
            host.StartListening();
        }

        foreach (var orderId in orders)
        {
            await harness.WaitForDispatchAsync(orderId);
        }

        await harness.WaitForStatusAsync(
            s => FulfillmentHarness.PendingShipments(s) == 0 && !FulfillmentHarness.Notices(s).Contains(DeliveryEstimator.DeliveriesDelayed),
            "an empty backlog without the delivery notice");
        await harness.Storefront.RunDispatchPassesAsync();
        harness.Pool.Shipments.Select(s => s.OrderId).Order().ShouldBe(orders.Order());
    }

    [Fact]
    public async Task Dispatch_WhenAShipmentTimesOut_LooksItUpOnThatHostAndNeverShipsTwice()
    {
        await using var harness = FulfillmentHarness.Start([("fc-linux-1", "linux"), ("fc-linux-2", "linux")]);
        foreach (var host in harness.Pool.Hosts)
        {
            // Served, then answered after the attempt timeout: the host shipped, the storefront cannot know.
            host.Faults.Apply(new FaultRule("slow", FulfillmentHostSimulator.ShipmentsRoute, new FaultSpec { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(2.5) }));
        }

        var orderId = await harness.CheckoutAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        // The pin is written before the call (PinHostBeforeSend); the timed-out call is the failed attempt.
        while (harness.Outbox(orderId).Attempts == 0 && harness.Outbox(orderId).Status == "pending")
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the call never timed out");
            await Task.Delay(20, StorefrontHarness.Cancellation);
        }

        var pinned = harness.Outbox(orderId).PinnedHost;
        pinned.ShouldNotBeNull();
        harness.ShipmentsFor(orderId).ShouldBe(1);
        (await harness.ShippingAsync(orderId)).GetProperty("delayed").GetBoolean().ShouldBeTrue();
        foreach (var host in harness.Pool.Hosts)
        {
            host.Faults.Clear("slow");
        }

        var shipping = await harness.WaitForDispatchAsync(orderId);

        var shipment = harness.Pool.Shipments.ShouldHaveSingleItem();
        shipment.Host.ShouldBe(pinned);
        shipping.Str("host").ShouldBe(pinned);
        shipping.Str("shipmentId").ShouldBe(shipment.ShipmentId);
        var pinnedHost = harness.Pool[pinned];
        pinnedHost.Journal.Calls.Count(c => c.Route == FulfillmentHostSimulator.LookupRoute).ShouldBeGreaterThanOrEqualTo(1);

        // The slow answer is journaled when it is finally sent, after the lookup may already have found the shipment.
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(8);
        while (pinnedHost.Journal.Calls.All(c => c.Route != FulfillmentHostSimulator.ShipmentsRoute) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, StorefrontHarness.Cancellation);
        }

        await harness.Storefront.RunDispatchPassesAsync();
        harness.Pool.Shipments.ShouldHaveSingleItem();
        pinnedHost.Journal.Calls.Count(c => c.Route == FulfillmentHostSimulator.ShipmentsRoute).ShouldBe(1);
        harness.Pool.Hosts.Where(h => h.Name != pinned).ShouldAllBe(h => h.Journal.Calls.Count == 0);
    }

    [Fact]
    public async Task Checkout_WhenPaymentIsPending_ShipsNothingUntilCapturedThenShipsOnce()
    {
        await using var harness = FulfillmentHarness.Start(ThreeHosts);
        harness.Storefront.Primary.Faults.Apply(StorefrontHarness.Outage());
        harness.Storefront.Secondary.Faults.Apply(StorefrontHarness.Outage());

        var response = await harness.Storefront.CheckoutAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var orderId = (await response.JsonAsync()).Str("orderId")!;

        // Capture passes fail while the gateways are down; dispatch passes find nothing to ship.
        await harness.Storefront.RunCapturePassesAsync();
        await harness.Storefront.RunDispatchPassesAsync();
        var shipping = await harness.ShippingAsync(orderId);
        shipping.Str("status").ShouldBe("not_ready");
        shipping.GetProperty("estimatedDelivery").ValueKind.ShouldBe(JsonValueKind.Null);
        harness.Pool.Shipments.ShouldBeEmpty();
        FulfillmentHarness.PendingShipments(await harness.Storefront.GetStatusAsync()).ShouldBe(0);

        harness.Storefront.Primary.Faults.Clear("outage");
        harness.Storefront.Secondary.Faults.Clear("outage");

        await harness.Storefront.WaitForOrderStatusAsync(orderId, "paid");
        await harness.WaitForDispatchAsync(orderId);
        await harness.Storefront.RunDispatchPassesAsync();
        harness.Pool.Shipments.ShouldHaveSingleItem().OrderId.ShouldBe(orderId);
    }

    [Fact]
    public async Task AdminOrders_ListsTheShippingOfEveryOrder()
    {
        await using var harness = FulfillmentHarness.Start(ThreeHosts);
        var orderId = await harness.CheckoutAsync();
        var shipping = await harness.WaitForDispatchAsync(orderId);
        using var admin = await harness.Storefront.AdminClientAsync();

        var orders = await admin.GetFromJsonAsync<JsonElement>("/admin/orders", StorefrontHarness.Cancellation);

        var listed = orders.EnumerateArray().Single(o => o.Str("orderId") == orderId).GetProperty("shipping");
        listed.Str("status").ShouldBe("dispatched");
        listed.Str("shipmentId").ShouldBe(shipping.Str("shipmentId"));
        listed.Str("host").ShouldBe(harness.Pool.Shipments.ShouldHaveSingleItem().Host);
    }

    [Fact]
    public void Validate_WithSeveralMistakes_ReportsEveryOneNamingItsKey()
    {
        var options = new FulfillmentOptions
        {
            Hosts =
            [
                new FulfillmentHostOptions { Name = "fc-1", BaseUrl = new Uri("http://127.0.0.1:5401/") },
                new FulfillmentHostOptions { Name = "fc-1", BaseUrl = new Uri("/relative", UriKind.Relative) },
                new FulfillmentHostOptions { Name = "" },
            ],
            BatchSize = 0,
            RetryDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            DispatchInterval = TimeSpan.Zero,
        };

        var result = new FulfillmentOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        var errors = result.Failures!.ToList();
        errors.ShouldContain("Fulfillment:Hosts:1:Name (fc-1) is used by another host; give every host a unique name.");
        errors.ShouldContain("Fulfillment:Hosts:1:BaseUrl (/relative) must be an absolute http or https URL, for example http://127.0.0.1:5301/.");
        errors.ShouldContain("Fulfillment:Hosts:2:Name is missing; give every host a unique name such as fc-win-1.");
        errors.ShouldContain("Fulfillment:Hosts:2:BaseUrl is missing; set it to the host's absolute URL, for example http://127.0.0.1:5301/.");
        errors.ShouldContain("Fulfillment:BatchSize (0) must be between 1 and 10000; use 50 for the tuned default.");
        errors.ShouldContain("Fulfillment:MaxRetryDelay (00:00:01) must not be below RetryDelay (00:00:10); raise MaxRetryDelay or lower RetryDelay.");
        errors.ShouldContain(e => e.StartsWith("Fulfillment:DispatchInterval (00:00:00)", StringComparison.Ordinal));
        errors.Count.ShouldBe(7);
    }

    [Fact]
    public void Startup_WhenAHostHasNoBaseUrl_FailsWithAMessageNamingTheKey()
    {
        var failure = Should.Throw<Exception>(() => StorefrontHarness.StartAndDispose(new() { ["Fulfillment:Hosts:0:Name"] = "fc-win-1" }));

        Flatten(failure).ShouldContain("Fulfillment:Hosts:0:BaseUrl is missing; set it to the host's absolute URL, for example http://127.0.0.1:5301/.");
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
