using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Metrics;

public sealed class RunRecorderFailureTests
{
    [Fact]
    public void Summarize_Failures_CountedByOutcomeAndStatusOverTheWindowsBuckets()
    {
        var recorder = new RunRecorder(["checkout", "browse"]);
        recorder.Record("checkout", TimeSpan.FromSeconds(0.5), TimeSpan.FromMilliseconds(5), new JourneyResult(OutcomeKind.HttpError, 500));
        recorder.Record("checkout", TimeSpan.FromSeconds(1.5), TimeSpan.FromMilliseconds(5), new JourneyResult(OutcomeKind.HttpError, 500));
        recorder.Record("checkout", TimeSpan.FromSeconds(1.6), TimeSpan.FromMilliseconds(5), new JourneyResult(OutcomeKind.HttpError, 502));
        recorder.Record("checkout", TimeSpan.FromSeconds(1.7), TimeSpan.FromMilliseconds(5), new JourneyResult(OutcomeKind.Degraded, 503));
        recorder.Record("checkout", TimeSpan.FromSeconds(1.8), TimeSpan.FromMilliseconds(5), JourneyResult.Ok());
        recorder.Record("browse", TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10), new JourneyResult(OutcomeKind.Timeout));
        recorder.RecordDropped("checkout", TimeSpan.FromSeconds(1.95));
        recorder.Record("checkout", TimeSpan.FromSeconds(3.1), TimeSpan.FromMilliseconds(5), new JourneyResult(OutcomeKind.HttpError, 500));

        var checkout = recorder.Summarize("checkout", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)).Failures;
        var all = recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(3)).Failures;

        checkout.ShouldBe(
            new Dictionary<FailureKey, long>
            {
                [new(OutcomeKind.HttpError, 500)] = 1,
                [new(OutcomeKind.HttpError, 502)] = 1,
                [new(OutcomeKind.Degraded, 503)] = 1,
                [new(OutcomeKind.Dropped, 0)] = 1,
            },
            ignoreOrder: true);
        all[new FailureKey(OutcomeKind.HttpError, 500)].ShouldBe(2);
        all[new FailureKey(OutcomeKind.Timeout, 0)].ShouldBe(1);
        all.Keys.ShouldNotContain(k => k.Outcome == OutcomeKind.Success);
    }

    [Fact]
    public void Record_FromManyThreads_CountsEveryFailure()
    {
        var recorder = new RunRecorder(["checkout"]);

        Parallel.For(0, 4000, i => recorder.Record("checkout", TimeSpan.FromMilliseconds(i % 2000), TimeSpan.FromMilliseconds(5), new JourneyResult(OutcomeKind.HttpError, i % 2 == 0 ? 500 : 401)));

        var failures = recorder.Summarize("checkout", TimeSpan.Zero, TimeSpan.FromSeconds(2)).Failures;
        failures[new FailureKey(OutcomeKind.HttpError, 500)].ShouldBe(2000);
        failures[new FailureKey(OutcomeKind.HttpError, 401)].ShouldBe(2000);
    }

    [Theory]
    [InlineData(OutcomeKind.HttpError, 500, "500")]
    [InlineData(OutcomeKind.HttpError, 0, "httpError")]
    [InlineData(OutcomeKind.Degraded, 503, "degraded 503")]
    [InlineData(OutcomeKind.Timeout, 0, "timeout")]
    [InlineData(OutcomeKind.ConnectionError, 0, "connectionError")]
    [InlineData(OutcomeKind.Dropped, 0, "dropped")]
    public void Label_Failure_NamesItAsScenarioFilesDo(OutcomeKind outcome, int status, string label) =>
        new FailureKey(outcome, status).Label.ShouldBe(label);
}
