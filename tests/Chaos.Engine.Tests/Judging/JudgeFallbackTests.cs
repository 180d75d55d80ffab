using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Judging.JudgeTestData;

namespace Chaos.Engine.Tests.Judging;

public sealed class JudgeFallbackTests
{
    private static readonly DependencyJournal Secondary = new(
        "payments.secondary",
        [],
        [Charge("ch_1", 9.9), Charge("ch_2", 12), Charge("ch_3", 15), Charge("ch_4", 25)]);

    [Fact]
    public void Evaluate_SecondaryGatewayChargesInThePhase_Passes()
    {
        var result = JudgeWith(journals: [Secondary]).Evaluate(Fallbacks(FallbackKind.SecondaryGateway, atLeast: 2));

        result.Passed.ShouldBeTrue();
        result.Observed.ShouldBe(2);
        result.Fallback.ShouldBe("secondaryGateway");
        result.Message.ShouldBe("outage fallbacks secondaryGateway: 2 charges on payments.secondary in the phase; expected at least 2");
    }

    [Fact]
    public void Evaluate_TooFewSecondaryGatewayCharges_Fails()
    {
        var result = JudgeWith(journals: [Secondary]).Evaluate(Fallbacks(FallbackKind.SecondaryGateway, atLeast: 10));

        result.Passed.ShouldBeFalse();
        result.Measured.ShouldBeTrue();
        result.Message.ShouldBe("outage fallbacks secondaryGateway: 2 charges on payments.secondary in the phase; expected at least 10");
    }

    [Fact]
    public void Evaluate_NoSecondaryJournal_IsNotMeasured()
    {
        var result = JudgeWith().Evaluate(Fallbacks(FallbackKind.SecondaryGateway, atLeast: 1));

        result.Measured.ShouldBeFalse();
        result.Message.ShouldBe("outage fallbacks secondaryGateway: there is no journal of payments.secondary, so its charges cannot be counted; configure a secondary gateway simulator (not measured)");
    }

    [Fact]
    public void Evaluate_ATargetWithoutAFallbackGateway_IsNotMeasured()
    {
        var result = JudgeWith(journals: [Secondary], fallbackGateway: null).Evaluate(Fallbacks(FallbackKind.SecondaryGateway, atLeast: 1));

        result.Measured.ShouldBeFalse();
        result.Message.ShouldBe("outage fallbacks secondaryGateway: the system under test names no gateway that payments fall back to, so fallback charges cannot be counted (not measured)");
    }

    [Fact]
    public void Evaluate_PaymentPendingOrdersInThePhase_CountsThemFromTheLedger()
    {
        var judge = new Chaos.Engine.Judging.Judge(Phases, new Chaos.Engine.Metrics.RunRecorder(["checkout"]), [], [], [], Start)
        {
            AcceptedOrders =
            [
                Order("o-1", "payment_pending", 11), Order("o-2", "payment_pending", 12), Order("o-3", "paid", 13),
                Order("o-4", "payment_pending", 19.9), Order("o-5", "payment_pending", 20), Order("o-0", "payment_pending", -3),
            ],
        };

        var passed = judge.Evaluate(Fallbacks(FallbackKind.PaymentPending, atLeast: 3));
        var failed = judge.Evaluate(Fallbacks(FallbackKind.PaymentPending, atLeast: 5));

        passed.Passed.ShouldBeTrue();
        passed.Message.ShouldBe("outage fallbacks paymentPending: 3 of 4 orders accepted in the phase were payment_pending; expected at least 3");
        failed.Passed.ShouldBeFalse();
        failed.Message.ShouldBe("outage fallbacks paymentPending: 3 of 4 orders accepted in the phase were payment_pending; expected at least 5");
    }

    [Fact]
    public void Evaluate_HostFailovers_DifferencesTheCounterOverThePhase()
    {
        var judge = WithSamples(Sample(9.75, 2), Sample(12, 3), Sample(19.9, 7), Sample(21, 9));

        var passed = judge.Evaluate(Fallbacks(FallbackKind.HostFailover, atLeast: 3));
        var failed = judge.Evaluate(Fallbacks(FallbackKind.HostFailover, atLeast: 6));

        passed.Passed.ShouldBeTrue();
        passed.Observed.ShouldBe(5);
        passed.Message.ShouldBe("outage fallbacks hostFailover: 5 shipments moved to another host between 9.75s and 19.9s; expected at least 3");
        failed.Passed.ShouldBeFalse();
        failed.Message.ShouldBe("outage fallbacks hostFailover: 5 shipments moved to another host between 9.75s and 19.9s; expected at least 6");
    }

    [Fact]
    public void Evaluate_StorefrontWithoutFailoverCounter_IsNotMeasured()
    {
        var judge = WithSamples(new StatusSample(TimeSpan.FromSeconds(11), new Dictionary<string, string>(), 0));

        var result = judge.Evaluate(Fallbacks(FallbackKind.HostFailover, atLeast: 1));

        result.Measured.ShouldBeFalse();
        result.Message.ShouldBe("outage fallbacks hostFailover: the storefront's /status never reported fulfillment.failovers, so host failovers cannot be counted; run a storefront that reports it (not measured)");
    }

    [Fact]
    public void Evaluate_NoSampleDuringThePhase_IsNotMeasured()
    {
        var judge = WithSamples(Sample(2, 0), Sample(25, 4));

        var result = judge.Evaluate(Fallbacks(FallbackKind.HostFailover, atLeast: 1));

        result.Measured.ShouldBeFalse();
        result.Message.ShouldBe("outage fallbacks hostFailover: the storefront's /status was not sampled during the phase (not measured)");
    }

    private static Chaos.Engine.Judging.Judge WithSamples(params StatusSample[] samples) =>
        new(Phases, new Chaos.Engine.Metrics.RunRecorder(["checkout"]), [], [], [], Start) { StatusSamples = samples };

    private static StatusSample Sample(double atSeconds, long failovers) =>
        new(TimeSpan.FromSeconds(atSeconds), new Dictionary<string, string>(), 0) { FulfillmentFailovers = failovers };

    private static Expectation Fallbacks(FallbackKind fallback, double atLeast) =>
        Expect("outage", ExpectationMetric.Fallbacks, atLeast: atLeast) with { Fallback = fallback };

    private static ChargeRecord Charge(string id, double atSeconds) => new(id, "o-" + id, "key-" + id, 1000, Start.AddSeconds(atSeconds));

    private static AcceptedOrder Order(string id, string status, double atSeconds) => new(id, status, 1000, TimeSpan.FromSeconds(atSeconds));
}
