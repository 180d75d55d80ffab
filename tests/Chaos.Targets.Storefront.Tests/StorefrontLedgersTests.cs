using System.Text.Json;
using Chaos.Engine.Judging;
using Chaos.Engine.Running;
using Shouldly;
using Xunit;

namespace Chaos.Targets.Storefront.Tests;

public sealed class StorefrontLedgersTests
{
    [Fact]
    public void AddTo_AnAgentsLedgersThroughJson_AddsEveryOrderProbeAndAttemptWithTimesMovedToTheRunsEpoch()
    {
        var orders = new OrderLedger();
        var access = new AccessLedger();
        var tamper = new CartTamperLedger();
        orders.Add(new AcceptedOrder("o-1", "paid", 1200, TimeSpan.FromSeconds(12)));
        access.Record("admin", "expired", 401, TimeSpan.FromSeconds(11));
        access.Record("pos", "unsigned", 200, TimeSpan.FromSeconds(13));
        tamper.Record("c-1", "o-1", "paid", 409, TimeSpan.FromSeconds(12.5));
        tamper.Record("c-2", "o-2", "paid", 200, TimeSpan.FromSeconds(14));

        // The agent's journeys were created 10 s before its load started; the coordinator's 3 s before.
        var json = JsonSerializer.SerializeToElement(StorefrontLedgers.From(orders, access, tamper, TimeSpan.FromSeconds(10)), AgentJson.Options);
        var runOrders = new OrderLedger();
        var runAccess = new AccessLedger();
        var runTamper = new CartTamperLedger();
        runAccess.Record("admin", "none", 401, TimeSpan.FromSeconds(4));
        JsonSerializer.Deserialize<StorefrontLedgers>(json, AgentJson.Options)!.AddTo(runOrders, runAccess, runTamper, TimeSpan.FromSeconds(3));

        runOrders.Orders.ShouldBe([new AcceptedOrder("o-1", "paid", 1200, TimeSpan.FromSeconds(5))]);
        runAccess.Probes.ShouldBe(3);
        runAccess.ProbesBySurface.ShouldBe(new Dictionary<string, long> { ["admin"] = 2, ["pos"] = 1 }, ignoreOrder: true);
        runAccess.ViolationCount.ShouldBe(1);
        runAccess.Violations.ShouldBe([new AccessViolation("pos", "unsigned", 200, TimeSpan.FromSeconds(6))]);
        runTamper.Attempts.ShouldBe(2);
        runTamper.BreachCount.ShouldBe(1);
        runTamper.Breaches.ShouldBe([new CartTamperBreach("c-2", "o-2", "paid", 200, TimeSpan.FromSeconds(7))]);
    }
}
