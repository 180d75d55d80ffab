using System.Text.Json;

namespace Chaos.Storefront.Tests.Fulfillment;

/// <summary>
/// <c>/status</c> counts shipments moved to another host (<c>fulfillment.failovers</c>): a refused connection never reaches
/// a simulator's journal, so the harness can only count host failovers from the storefront.
/// </summary>
public sealed class FulfillmentFailoverCounterTests
{
    private static readonly (string Name, string Os)[] TwoHosts = [("fc-win-1", "windows"), ("fc-linux-1", "linux")];

    [Fact]
    public async Task Status_WhenAHostRefusesConnections_CountsTheShipmentMovedToTheOtherHostOnce()
    {
        await using var harness = FulfillmentHarness.Start(TwoHosts, new() { ["Fulfillment:EjectionDuration"] = "00:01:00" });
        (await Failovers(harness)).ShouldBe(0);
        harness.Pool["fc-win-1"].StopListening();

        // Candidates rotate, so within two shipments the dead host is tried first once; then it is ejected for a minute.
        foreach (var orderId in new[] { await harness.CheckoutAsync(), await harness.CheckoutAsync() })
        {
            (await harness.WaitForDispatchAsync(orderId)).Str("host").ShouldBe("fc-linux-1");
        }

        (await Failovers(harness)).ShouldBe(1);
        harness.Pool["fc-win-1"].Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Status_WhenHostsAreHealthy_CountsNoFailover()
    {
        await using var harness = FulfillmentHarness.Start(TwoHosts);

        foreach (var orderId in new[] { await harness.CheckoutAsync(), await harness.CheckoutAsync() })
        {
            await harness.WaitForDispatchAsync(orderId);
        }

        (await Failovers(harness)).ShouldBe(0);
    }

    private static async Task<long> Failovers(FulfillmentHarness harness)
    {
        JsonElement status = await harness.Storefront.GetStatusAsync();
        return status.GetProperty("fulfillment").GetProperty("failovers").GetInt64();
    }
}
