using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Metrics;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Judging.JudgeTestData;

namespace Chaos.Engine.Tests.Judging;

public sealed class JudgeDrainTimeTests
{
    private static readonly StatusSample[] Draining =
    [
        Sample(19.5, 5, 0), Sample(20.25, 4, 3), Sample(25, 1, 1), Sample(27.5, 0, 0), Sample(28, 0, 0),
    ];

    [Fact]
    public void Evaluate_BacklogEmptiesWithinBound_PassesWithSecondsFromTheFaultsEnd()
    {
        var result = With(Draining).Evaluate(Expect("outage", ExpectationMetric.DrainTime, atMost: 30));

        result.Passed.ShouldBeTrue();
        result.Observed.ShouldBe(7.5);
        result.Message.ShouldBe("outage drainTime: the backlog (peak 7 pending after the fault) reached zero at 27.5s, 7.5s after the fault ended at 20s; expected at most 30s");
    }

    [Fact]
    public void Evaluate_BacklogEmptiesTooLate_Fails()
    {
        var result = With(Draining).Evaluate(Expect("fault", ExpectationMetric.DrainTime, atMost: 5));

        result.Passed.ShouldBeFalse();
        result.Measured.ShouldBeTrue();
        result.Message.ShouldBe("fault drainTime: the backlog (peak 7 pending after the fault) reached zero at 27.5s, 7.5s after the fault ended at 20s; expected at most 5s");
    }

    [Fact]
    public void Evaluate_FaultClearedLate_MeasuresFromWhenItReallyCleared()
    {
        var events = new[] { new FaultEvent("outage", "payments.primary", "cleared", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20.5)) };

        var result = With(Draining, events).Evaluate(Expect("outage", ExpectationMetric.DrainTime, atMost: 30));

        result.Observed.ShouldBe(7.0);
    }

    [Fact]
    public void Evaluate_BacklogNeverEmpties_FailsWithWhatIsStillPending()
    {
        var result = With([Sample(21, 5, 2), Sample(40, 2, 1)]).Evaluate(Expect("outage", ExpectationMetric.DrainTime, atMost: 30));

        result.Passed.ShouldBeFalse();
        result.Measured.ShouldBeTrue();
        result.Observed.ShouldBeNull();
        result.Message.ShouldBe("outage drainTime: the backlog never reached zero after the fault ended at 20s: still 3 pending after the drain (2 payments, 1 shipments at 40s); expected at most 30s");
    }

    [Fact]
    public void Evaluate_NoSampleAfterTheFault_IsNotMeasured()
    {
        var result = With([Sample(12, 3, 0)]).Evaluate(Expect("outage", ExpectationMetric.DrainTime, atMost: 30));

        result.Measured.ShouldBeFalse();
        result.Message.ShouldBe("outage drainTime: the storefront's /status was not sampled after the fault ended at 20s (not measured)");
    }

    private static Judge With(StatusSample[] samples, FaultEvent[]? events = null) =>
        new(Phases, new RunRecorder(["checkout"]), [], events ?? [], [], Start) { StatusSamples = samples };

    private static StatusSample Sample(double atSeconds, int payments, int shipments) =>
        new(TimeSpan.FromSeconds(atSeconds), new Dictionary<string, string>(), payments) { PendingShipments = shipments };
}
