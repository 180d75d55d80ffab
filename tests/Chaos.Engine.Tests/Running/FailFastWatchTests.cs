using Chaos.Engine.Load;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Running;

/// <summary>Which expectations the fail-fast watch may judge while the run goes on: only those whose data is complete.</summary>
public sealed class FailFastWatchTests
{
    private static readonly PhaseWindow[] Phases =
    [
        new("run", TimeSpan.Zero, TimeSpan.FromSeconds(60)),
        new("outage", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)),
        new("recovery", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60)),
    ];

    [Fact]
    public void TakeDue_APhasesRate_OnlyASecondAfterItsEndAndOnceNoJourneyOfItIsStillToBeRecorded()
    {
        var rate = Expect("outage", ExpectationMetric.SuccessRate);
        var watch = new FailFastWatch([rate], Phases);

        watch.TakeDue(Tick(20.5, oldestPending: null)).ShouldBeEmpty("the phase ended half a second ago");
        watch.TakeDue(Tick(21.5, oldestPending: 19.8)).ShouldBeEmpty("a journey intended at 19.8 s is still in flight");
        watch.TakeDue(Tick(22.5, oldestPending: 20.1)).ShouldBe([rate]);
        watch.TakeDue(Tick(23.5, oldestPending: null)).ShouldBeEmpty("each expectation is judged early once");
    }

    [Fact]
    public void TakeDue_TimeToCircuitOpen_WaitsForItsWholeBoundEvenPastThePhasesEnd()
    {
        var opens = Expect("outage", ExpectationMetric.TimeToCircuitOpen, atMost: 15);
        var watch = new FailFastWatch([opens], Phases);

        watch.TakeDue(Tick(21.5, oldestPending: null)).ShouldBeEmpty("the circuit may still open by 25 s and pass");
        watch.DecidableAt(opens).ShouldBe(TimeSpan.FromSeconds(26));
        watch.TakeDue(Tick(26, oldestPending: null)).ShouldBe([opens]);
    }

    [Fact]
    public void TakeDue_TheRunsPhaseDrainTimeAndFallbacks_NeverBeforeTheEnd()
    {
        var whole = Expect("run", ExpectationMetric.SuccessRate);
        var drain = Expect("outage", ExpectationMetric.DrainTime, atMost: 5);
        var fallbacks = Expect("outage", ExpectationMetric.Fallbacks) with { Fallback = FallbackKind.SecondaryGateway };
        var watch = new FailFastWatch([whole, drain, fallbacks], Phases);

        watch.TakeDue(Tick(59.5, oldestPending: null)).ShouldBeEmpty();
        watch.DecidableAt(drain).ShouldBeNull();
    }

    private static Expectation Expect(string phase, ExpectationMetric metric, double? atMost = null) =>
        new() { Phase = phase, Journey = "checkout", Metric = metric, AtLeast = atMost is null ? 0.99 : null, AtMost = atMost };

    private static LoadTick Tick(double atSeconds, double? oldestPending) =>
        new(TimeSpan.FromSeconds(atSeconds), "steady", 10, 10, 0, 0, 0, double.NaN)
        {
            OldestPending = oldestPending is { } oldest ? TimeSpan.FromSeconds(oldest) : null,
        };
}
