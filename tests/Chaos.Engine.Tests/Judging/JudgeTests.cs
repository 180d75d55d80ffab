using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Judging;

public sealed class JudgeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<PhaseWindow> Phases =
    [
        new(PhaseWindow.Baseline, TimeSpan.Zero, TimeSpan.FromSeconds(10)),
        new("outage", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)),
        new(PhaseWindow.Recovery, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)),
    ];

    [Fact]
    public void Evaluate_SuccessRateAboveBound_Passes()
    {
        var recorder = Recorder(("checkout", 5, 100, OutcomeKind.Success, 99), ("checkout", 5, 100, OutcomeKind.HttpError, 1));

        var result = JudgeWith(recorder).Evaluate(Expect("baseline", ExpectationMetric.SuccessRate, atLeast: 0.99, journey: "checkout"));

        result.Passed.ShouldBeTrue();
        result.Observed.ShouldBe(0.99);
    }

    [Fact]
    public void Evaluate_SuccessRateBelowBound_FailsAndSaysWhy()
    {
        var recorder = Recorder(("checkout", 12, 100, OutcomeKind.Success, 60), ("checkout", 12, 100, OutcomeKind.HttpError, 40));

        var result = JudgeWith(recorder).Evaluate(Expect("outage", ExpectationMetric.SuccessRate, atLeast: 0.95, journey: "checkout"));

        result.Passed.ShouldBeFalse();
        result.Measured.ShouldBeTrue();
        result.Observed.ShouldBe(0.6);
        result.Message.ShouldContain("outage · checkout · successRate: expected >= 0.95, observed 0.6");
        result.Message.ShouldContain("40 HttpError");
    }

    [Fact]
    public void Evaluate_PhaseWithoutJourneys_IsUnmeasuredNotPassed()
    {
        var recorder = Recorder(("checkout", 5, 100, OutcomeKind.Success, 10));

        var result = JudgeWith(recorder).Evaluate(Expect("recovery", ExpectationMetric.SuccessRate, atLeast: 0.5, journey: "checkout"));

        result.Passed.ShouldBeFalse();
        result.Measured.ShouldBeFalse();
        result.Observed.ShouldBeNull();
    }

    [Fact]
    public void Evaluate_P99AboveBound_Fails()
    {
        var recorder = Recorder(("browse", 15, 50, OutcomeKind.Success, 98), ("browse", 15, 3000, OutcomeKind.Success, 2));

        var result = JudgeWith(recorder).Evaluate(Expect("outage", ExpectationMetric.P99, atMost: 1.0, journey: "browse"));

        result.Passed.ShouldBeFalse();
        result.Observed!.Value.ShouldBeInRange(2.9, 3.1);
    }

    [Fact]
    public void Evaluate_P99AboveBoundMostlyFromTheEnginesOwnLag_IsAHarnessErrorNotAFailure()
    {
        var recorder = new RunRecorder(["browse", "checkout"]);
        for (var i = 0; i < 100; i++)
        {
            // Journeys that took 3 s from their intended start, of which the engine started them 2 s late.
            recorder.Record("browse", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(3), JourneyResult.Ok(), lag: TimeSpan.FromSeconds(2));
        }

        var result = JudgeWith(recorder).Evaluate(Expect("outage", ExpectationMetric.P99, atMost: 1.0, journey: "browse"));

        result.Measured.ShouldBeFalse(result.Message);
        result.Message.ShouldContain("the harness could not keep the schedule");
        result.Message.ShouldContain("--load-scale");
    }

    [Fact]
    public void Evaluate_P99AboveBoundWithLittleLag_FailsAndSaysTheLag()
    {
        var recorder = new RunRecorder(["browse", "checkout"]);
        for (var i = 0; i < 100; i++)
        {
            recorder.Record("browse", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(3), JourneyResult.Ok(), lag: TimeSpan.FromMilliseconds(4));
        }

        var result = JudgeWith(recorder).Evaluate(Expect("outage", ExpectationMetric.P99, atMost: 1.0, journey: "browse"));

        result.Measured.ShouldBeTrue();
        result.Passed.ShouldBeFalse();
        result.Message.ShouldContain("engine schedule lag p99 4ms");
    }

    [Fact]
    public void Evaluate_CircuitOpenedThreeSecondsAfterFault_MeasuresFromActualFaultStart()
    {
        var circuits = new[]
        {
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(0.2), "closed"),
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(13.5), "open"),
        };
        var events = new[] { new FaultEvent("outage", "payments.primary", "applied", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.5)) };

        var result = JudgeWith(Recorder(), circuits, events).Evaluate(Expect("outage", ExpectationMetric.TimeToCircuitOpen, atMost: 5, dependency: "payments.primary"));

        result.Passed.ShouldBeTrue();
        result.Observed!.Value.ShouldBe(3.0, tolerance: 1e-9);
    }

    [Fact]
    public void Evaluate_CircuitAlreadyOpenWhenTheFaultStarts_MeasuresZero()
    {
        // The slowness before an outage opened the breaker; the outage finds it open.
        var circuits = new[]
        {
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(0.2), "closed"),
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(8), "open"),
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(13), "half-open"),
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(13.2), "open"),
        };

        var result = JudgeWith(Recorder(), circuits).Evaluate(Expect("outage", ExpectationMetric.TimeToCircuitOpen, atMost: 5, dependency: "payments.primary"));

        result.Passed.ShouldBeTrue();
        result.Observed!.Value.ShouldBe(0.0);
        result.Message.ShouldContain("already open when the fault started at 10s");
    }

    [Fact]
    public void Evaluate_CircuitNeverOpened_FailsWithReason()
    {
        var circuits = new[] { new CircuitTransition("payments.primary", TimeSpan.FromSeconds(0.2), "closed") };

        var result = JudgeWith(Recorder(), circuits).Evaluate(Expect("outage", ExpectationMetric.TimeToCircuitOpen, atMost: 5, dependency: "payments.primary"));

        result.Passed.ShouldBeFalse();
        result.Measured.ShouldBeTrue();
        result.Message.ShouldContain("never opened");
    }

    [Fact]
    public void Evaluate_CircuitClosedAfterClear_MeasuresRecoveryTime()
    {
        var circuits = new[]
        {
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(0.2), "closed"),
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(12), "open"),
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(21), "half-open"),
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(24), "closed"),
        };

        var result = JudgeWith(Recorder(), circuits).Evaluate(Expect("outage", ExpectationMetric.TimeToRecover, atMost: 10, dependency: "payments.primary"));

        result.Passed.ShouldBeTrue();
        result.Observed!.Value.ShouldBe(4.0, tolerance: 1e-9);
    }

    [Fact]
    public void Evaluate_CircuitStillOpenAtEnd_FailsRecovery()
    {
        var circuits = new[]
        {
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(12), "open"),
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(25), "half-open"),
            new CircuitTransition("payments.primary", TimeSpan.FromSeconds(25.5), "open"),
        };

        var result = JudgeWith(Recorder(), circuits).Evaluate(Expect("outage", ExpectationMetric.TimeToRecover, atMost: 10, dependency: "payments.primary"));

        result.Passed.ShouldBeFalse();
        result.Message.ShouldContain("still open");
    }

    [Fact]
    public void Evaluate_Amplification_CountsDependencyCallsPerJourneyInPhase()
    {
        var recorder = Recorder(("checkout", 12, 100, OutcomeKind.Success, 10), ("browse", 12, 10, OutcomeKind.Success, 30));
        var calls = Enumerable.Range(0, 30).Select(i => new DependencyCall(Start.AddSeconds(11 + (i * 0.1)), "charges", 503, true))
            .Append(new DependencyCall(Start.AddSeconds(5), "charges", 200, false)) // baseline: not counted
            .ToArray();
        var journal = new DependencyJournal("payments.primary", calls, []);

        var result = JudgeWith(recorder, journals: [journal])
            .Evaluate(Expect("outage", ExpectationMetric.Amplification, atMost: 1.5, dependency: "payments.primary", journey: "checkout"));

        result.Observed.ShouldBe(3.0);
        result.Passed.ShouldBeFalse();
        result.Message.ShouldContain("30 calls for 10 checkout journeys");
    }

    private static Judge JudgeWith(
        RunRecorder recorder,
        IReadOnlyList<CircuitTransition>? circuits = null,
        IReadOnlyList<FaultEvent>? events = null,
        IReadOnlyList<DependencyJournal>? journals = null) =>
        new(Phases, recorder, circuits ?? [], events ?? [], journals ?? [], Start);

    private static RunRecorder Recorder(params (string Journey, double AtSeconds, double LatencyMs, OutcomeKind Outcome, int Count)[] records)
    {
        var recorder = new RunRecorder(["browse", "checkout"]);
        foreach (var (journey, at, latency, outcome, count) in records)
        {
            for (var i = 0; i < count; i++)
            {
                recorder.Record(journey, TimeSpan.FromSeconds(at), TimeSpan.FromMilliseconds(latency), new JourneyResult(outcome, outcome == OutcomeKind.Success ? 200 : 500));
            }
        }

        return recorder;
    }

    private static Expectation Expect(string phase, ExpectationMetric metric, double? atLeast = null, double? atMost = null, string? journey = null, string? dependency = null) => new()
    {
        Phase = phase,
        Metric = metric,
        AtLeast = atLeast,
        AtMost = atMost,
        Journey = journey,
        Dependency = dependency,
        Line = 7,
    };
}
