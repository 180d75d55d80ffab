using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Judging.JudgeTestData;

namespace Chaos.Engine.Tests.Judging;

public sealed class JudgeUnexpectedFailuresTests
{
    [Fact]
    public void Evaluate_FailuresOfUnlistedKinds_FailsNamingTheKindsSeen()
    {
        var recorder = new RunRecorder(["checkout"])
            .Record("checkout", 12, OutcomeKind.Success, 200, 20)
            .Record("checkout", 12, OutcomeKind.Degraded, 503, 5)
            .Record("checkout", 13, OutcomeKind.HttpError, 401, 3)
            .Record("checkout", 14, OutcomeKind.HttpError, 500, 10)
            .Record("checkout", 15, OutcomeKind.Timeout, 0, 2);
        var expectation = Expect("outage", ExpectationMetric.UnexpectedFailures, atMost: 0, journey: "checkout") with { ExpectedFailures = ["degraded", "401"] };

        var result = JudgeWith(recorder).Evaluate(expectation);

        result.ShouldSatisfyAllConditions(
            () => result.Passed.ShouldBeFalse(),
            () => result.Measured.ShouldBeTrue(),
            () => result.Observed.ShouldBe(0.3),
            () => result.Metric.ShouldBe("unexpectedFailures"),
            () => result.ExpectedFailures.ShouldBe(["degraded", "401"]),
            () => result.Message.ShouldBe("outage checkout: 12 of 40 journeys (30%) failed unexpectedly (500 x10, timeout x2); expected at most 0% beyond [degraded, 401]"));
    }

    [Fact]
    public void Evaluate_OnlyDegradedFailuresByDefault_Passes()
    {
        var recorder = new RunRecorder(["checkout"])
            .Record("checkout", 11, OutcomeKind.Success, 200, 30)
            .Record("checkout", 11, OutcomeKind.Degraded, 503, 10);

        var result = JudgeWith(recorder).Evaluate(Expect("outage", ExpectationMetric.UnexpectedFailures, atMost: 0.01, journey: "checkout"));

        result.Passed.ShouldBeTrue();
        result.Observed.ShouldBe(0);
        result.Message.ShouldBe("outage checkout: 0 of 40 journeys (0%) failed unexpectedly; expected at most 1% beyond [degraded]");
    }

    [Fact]
    public void Evaluate_DegradedNotListed_CountsItWithItsStatus()
    {
        var recorder = new RunRecorder(["checkout"])
            .Record("checkout", 11, OutcomeKind.Success, 200, 6)
            .Record("checkout", 11, OutcomeKind.Degraded, 429, 4);
        var expectation = Expect("outage", ExpectationMetric.UnexpectedFailures, atMost: 0.1, journey: "checkout") with { ExpectedFailures = ["401"] };

        var result = JudgeWith(recorder).Evaluate(expectation);

        result.Passed.ShouldBeFalse();
        result.Message.ShouldBe("outage checkout: 4 of 10 journeys (40%) failed unexpectedly (degraded 429 x4); expected at most 10% beyond [401]");
    }

    [Fact]
    public void Evaluate_AllJourneysWithNamedKinds_CountsDroppedAsUnexpected()
    {
        var recorder = new RunRecorder(["browse", "checkout"])
            .Record("browse", 11, OutcomeKind.Timeout, 0, 2)
            .Record("checkout", 11, OutcomeKind.ConnectionError, 0, 3)
            .Record("checkout", 12, OutcomeKind.HttpError, 502, 4)
            .Record("checkout", 12, OutcomeKind.Dropped, 0, 1);
        var expectation = Expect("outage", ExpectationMetric.UnexpectedFailures, atMost: 0.5) with { ExpectedFailures = ["timeout", "connectionError", "httpError"] };

        var result = JudgeWith(recorder).Evaluate(expectation);

        result.Passed.ShouldBeTrue();
        result.Message.ShouldBe("outage all journeys: 1 of 10 journeys (10%) failed unexpectedly (dropped x1); expected at most 50% beyond [timeout, connectionError, httpError]");
    }

    [Fact]
    public void Evaluate_PhaseWithoutJourneys_IsNotMeasured()
    {
        var recorder = new RunRecorder(["checkout"]).Record("checkout", 2, OutcomeKind.Success, 200, 5);

        var result = JudgeWith(recorder).Evaluate(Expect("recovery", ExpectationMetric.UnexpectedFailures, atMost: 0, journey: "checkout"));

        result.Measured.ShouldBeFalse();
        result.Passed.ShouldBeFalse();
        result.Message.ShouldBe("recovery checkout: no journey started in this phase, so unexpected failures cannot be counted (not measured)");
    }

    [Theory]
    [InlineData(OutcomeKind.Degraded, 503, "503", true)]
    [InlineData(OutcomeKind.HttpError, 503, "503", true)]
    [InlineData(OutcomeKind.HttpError, 500, "503", false)]
    [InlineData(OutcomeKind.Timeout, 0, "httpError", false)]
    [InlineData(OutcomeKind.HttpError, 0, "httpError", true)]
    [InlineData(OutcomeKind.Degraded, 503, "httpError", false)]
    [InlineData(OutcomeKind.ConnectionError, 0, "connectionError", true)]
    [InlineData(OutcomeKind.Dropped, 0, "degraded", false)]
    public void IsExpected_KindAgainstFailure_MatchesOutcomeOrStatus(OutcomeKind outcome, int status, string kind, bool expected) =>
        Judge.IsExpected(new FailureKey(outcome, status), [kind]).ShouldBe(expected);
}
