using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests;

/// <summary>The payment-gateway-down scenario against the storefront as shipped: it must pass, with every figure judged.</summary>
[Library.CoversScenario("payment-gateway-down")]
[RunsAScenarioTimeline]
public sealed class PaymentGatewayDownTests
{
    [Fact]
    public async Task PaymentGatewayDown_WithTunedStorefront_DegradesAsDesignedAndLosesNothing()
    {
        var run = await ScenarioRun.ExecuteAsync(Repository.Scenario("payment-gateway-down"));

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Verdict.ShouldBe("pass", run.ToString());
        var report = run.Report!.RootElement;
        var expectations = report.GetProperty("expectations").EnumerateArray().ToList();
        expectations.Count.ShouldBe(12);
        expectations.ShouldAllBe(e => e.GetProperty("passed").GetBoolean() && e.GetProperty("measured").GetBoolean());
        report.GetProperty("invariants").EnumerateArray().Select(i => i.GetProperty("name").GetString())
            .ShouldBe(["noLostOrders", "noDoubleCharges", "pendingPaymentsCaptured"]);
        report.GetProperty("invariants").EnumerateArray().ShouldAllBe(i => i.GetProperty("passed").GetBoolean());

        // The outage really happened and the fallback really carried checkout: the secondary took charges.
        var dependencies = report.GetProperty("dependencies").EnumerateArray().ToDictionary(d => d.GetProperty("dependency").GetString()!);
        dependencies["payments.primary"].GetProperty("faultedCalls").GetInt32().ShouldBeGreaterThan(0);
        dependencies["payments.secondary"].GetProperty("charges").GetInt32().ShouldBeGreaterThan(0);
        report.GetProperty("circuits").EnumerateArray()
            .ShouldContain(c => c.GetProperty("dependency").GetString() == "payments.primary" && c.GetProperty("state").GetString() == "open");
        File.Exists(Path.Combine(run.OutDirectory, "junit.xml")).ShouldBeTrue();
        File.Exists(Path.Combine(run.OutDirectory, "report.md")).ShouldBeTrue();
    }
}
