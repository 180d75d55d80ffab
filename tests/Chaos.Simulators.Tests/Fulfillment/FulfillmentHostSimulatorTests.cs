using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Fulfillment;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Fulfillment;

public sealed class FulfillmentHostSimulatorTests : IAsyncLifetime
{
    private FulfillmentHostSimulator _host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = FulfillmentHostSimulator.Start(new FulfillmentHostSimulatorOptions
        {
            Name = "fc-win-1",
            Tags = new Dictionary<string, string> { ["os"] = "windows" },
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ship_SameKeyTwice_CreatesOneShipmentAndReplaysIt()
    {
        using var client = NewClient();

        using var first = await Ship(client, "ship-o1", "o1");
        using var second = await Ship(client, "ship-o1", "o1");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.GetValues("Idempotent-Replayed").ShouldHaveSingleItem().ShouldBe("true");
        var a = await first.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var b = await second.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        b.GetProperty("shipmentId").GetString().ShouldBe(a.GetProperty("shipmentId").GetString());
        a.GetProperty("host").GetString().ShouldBe("fc-win-1");

        var shipment = _host.Journal.Shipments.ShouldHaveSingleItem();
        shipment.OrderId.ShouldBe("o1");
        shipment.IdempotencyKey.ShouldBe("ship-o1");
        shipment.Host.ShouldBe("fc-win-1");
        shipment.ShipmentId.ShouldBe(a.GetProperty("shipmentId").GetString());
        (await _host.Control.ReadJournalAsync(Cancellation)).Shipments.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Ship_SameKeyForAnotherOrder_Answers409WithoutShipping()
    {
        using var client = NewClient();
        using var first = await Ship(client, "ship-o1", "o1");

        using var conflict = await Ship(client, "ship-o1", "o2");

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        _host.Journal.Shipments.ShouldHaveSingleItem().OrderId.ShouldBe("o1");
    }

    [Fact]
    public async Task Lookup_ByKey_FindsTheShipmentOr404()
    {
        using var client = NewClient();
        using var shipped = await Ship(client, "ship-o1", "o1");

        using var found = await client.GetAsync("v1/shipments/by-key/ship-o1", Cancellation);
        using var missing = await client.GetAsync("v1/shipments/by-key/ship-o2", Cancellation);

        found.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await found.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("orderId").GetString().ShouldBe("o1");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        _host.Journal.Calls.Count(c => c.Route == FulfillmentHostSimulator.LookupRoute).ShouldBe(2);
    }

    [Fact]
    public async Task Ship_WithStatusFault_AnswersTheFaultAndShipsNothing()
    {
        _host.Faults.Apply(new FaultRule("down", FulfillmentHostSimulator.ShipmentsRoute, new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 }));
        using var client = NewClient();

        using var response = await Ship(client, "ship-o1", "o1");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        _host.Journal.Shipments.ShouldBeEmpty();
        _host.Journal.Calls.ShouldHaveSingleItem().Faulted.ShouldBeTrue();
    }

    [Fact]
    public async Task StopListening_RefusesConnections_AndStartListeningServesAgainOnTheSamePortWithItsShipments()
    {
        var port = _host.BaseUrl.Port;
        using (var client = NewClient())
        {
            (await Ship(client, "ship-o1", "o1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        _host.StopListening();

        _host.IsListening.ShouldBeFalse();
        using (var client = NewClient())
        {
            var refused = await Should.ThrowAsync<HttpRequestException>(() => Ship(client, "ship-o2", "o2"));
            refused.HttpRequestError.ShouldBe(HttpRequestError.ConnectionError);
        }

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            var connect = await Should.ThrowAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, port, Cancellation).AsTask());
            connect.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
        }

        _host.StartListening();

        _host.IsListening.ShouldBeTrue();
        _host.BaseUrl.Port.ShouldBe(port);
        using (var client = NewClient())
        {
            using var replay = await Ship(client, "ship-o1", "o1");
            replay.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var fresh = await Ship(client, "ship-o2", "o2");
            fresh.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        _host.Journal.Shipments.Select(s => s.OrderId).ShouldBe(["o1", "o2"]);
    }

    [Fact]
    public async Task HostDownFault_AppliedThroughTheControl_RefusesConnectionsUntilCleared()
    {
        await _host.Control.ApplyAsync(new FaultRule("edr", null, new FaultSpec { Kind = FaultKind.HostDown }), Cancellation);

        _host.IsListening.ShouldBeFalse();
        using (var client = NewClient())
        {
            (await Should.ThrowAsync<HttpRequestException>(() => Ship(client, "ship-o1", "o1"))).HttpRequestError.ShouldBe(HttpRequestError.ConnectionError);
        }

        await _host.Control.ClearAsync("edr", Cancellation);

        _host.IsListening.ShouldBeTrue();
        using (var client = NewClient())
        {
            (await Ship(client, "ship-o1", "o1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        _host.Journal.Shipments.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Pool_StartWindowsAndLinux_StartsTaggedHostsAndTheirConfiguration()
    {
        await using var pool = FulfillmentPool.StartWindowsAndLinux(6, windows: 4);

        pool.Hosts.Count.ShouldBe(6);
        pool.Tagged("os", "windows").Select(h => h.Name).ShouldBe(["fc-win-1", "fc-win-2", "fc-win-3", "fc-win-4"]);
        pool.Tagged("os", "linux").Count.ShouldBe(2);
        pool.Hosts.Select(h => h.BaseUrl.Port).Distinct().Count().ShouldBe(6);
        var configuration = pool.Configuration();
        configuration["Fulfillment:Hosts:0:Name"].ShouldBe("fc-win-1");
        configuration["Fulfillment:Hosts:0:Tags:os"].ShouldBe("windows");
        configuration["Fulfillment:Hosts:5:BaseUrl"].ShouldBe(pool["fc-linux-2"].BaseUrl.ToString());
        pool["fc-linux-2"].Control.Dependency.ShouldBe("fulfillment.fc-linux-2");
    }

    [Fact]
    public async Task Pool_StartCentres_TagsEveryHostWithItsCentreAndPassesItAsTheHostsCentre()
    {
        await using var pool = FulfillmentPool.StartCentres(6, windows: 4, backup: 2);

        pool.Hosts.Select(h => h.Name).ShouldBe(["fc-win-1", "fc-win-2", "fc-win-3", "fc-win-4", "fc-linux-1", "fc-linux-2", "fc-backup-1", "fc-backup-2"]);
        pool.Tagged("centre", "primary").Count.ShouldBe(6);
        pool.Tagged("centre", "backup").ShouldAllBe(h => h.Tags["os"] == "linux");
        var configuration = pool.Configuration();
        configuration["Fulfillment:Hosts:0:Centre"].ShouldBe("primary");
        configuration["Fulfillment:Hosts:6:Name"].ShouldBe("fc-backup-1");
        configuration["Fulfillment:Hosts:6:Centre"].ShouldBe("backup");
        configuration["Fulfillment:Hosts:7:Tags:centre"].ShouldBe("backup");
    }

    private HttpClient NewClient() => new() { BaseAddress = _host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<HttpResponseMessage> Ship(HttpClient client, string key, string orderId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/shipments")
        {
            Headers = { { "Idempotency-Key", key } },
            Content = JsonContent.Create(new { orderId, amount = 1000 }),
        };
        return await client.SendAsync(request, Cancellation);
    }
}
