using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Metrics;

public sealed class RunRecorderTests
{
    private static readonly JourneyResult Ok = JourneyResult.Ok();

    [Fact]
    public void Summarize_LatenciesOneToHundredMilliseconds_ReturnsPercentilesWithinResolution()
    {
        var recorder = new RunRecorder(["browse"]);
        for (var ms = 1; ms <= 100; ms++)
        {
            recorder.Record("browse", TimeSpan.FromMilliseconds(10 * ms), TimeSpan.FromMilliseconds(ms), Ok);
        }

        var summary = recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(2));

        summary.Count.ShouldBe(100);
        summary.Succeeded.ShouldBe(100);
        summary.P50Seconds.ShouldBe(0.050, 0.050 * 0.001);
        summary.P95Seconds.ShouldBe(0.095, 0.095 * 0.001);
        summary.P99Seconds.ShouldBe(0.099, 0.099 * 0.001);
        summary.MaxSeconds.ShouldBe(0.100, 0.100 * 0.001);
        summary.SuccessRate.ShouldBe(1.0);
    }

    [Fact]
    public void Summarize_WindowOverMiddleBucket_MergesOnlyThatBucket()
    {
        var recorder = new RunRecorder(["browse"]);
        recorder.Record("browse", TimeSpan.FromSeconds(0.5), TimeSpan.FromMilliseconds(10), Ok);
        recorder.Record("browse", TimeSpan.FromSeconds(1.2), TimeSpan.FromMilliseconds(200), Ok);
        recorder.Record("browse", TimeSpan.FromSeconds(1.9), TimeSpan.FromMilliseconds(300), new JourneyResult(OutcomeKind.HttpError, 500));
        recorder.Record("browse", TimeSpan.FromSeconds(2.0), TimeSpan.FromSeconds(4), Ok);

        var middle = recorder.Summarize("browse", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var firstTwo = recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(2));
        var all = recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(3));

        middle.Count.ShouldBe(2);
        middle.Succeeded.ShouldBe(1);
        middle.ByOutcome[OutcomeKind.HttpError].ShouldBe(1);
        middle.MaxSeconds.ShouldBe(0.3, 0.001);
        middle.P50Seconds.ShouldBe(0.2, 0.001);
        firstTwo.Count.ShouldBe(3);
        firstTwo.MaxSeconds.ShouldBe(0.3, 0.001);
        all.Count.ShouldBe(4);
        all.MaxSeconds.ShouldBe(4, 0.01);
    }

    [Fact]
    public void Summarize_WindowNotAlignedOnBuckets_TakesBucketsStartingInsideIt()
    {
        var recorder = new RunRecorder(["browse"]);
        recorder.Record("browse", TimeSpan.FromSeconds(0.2), TimeSpan.FromMilliseconds(1), Ok);
        recorder.Record("browse", TimeSpan.FromSeconds(1.2), TimeSpan.FromMilliseconds(1), Ok);
        recorder.Record("browse", TimeSpan.FromSeconds(2.2), TimeSpan.FromMilliseconds(1), Ok);

        // Buckets start at 0, 1 and 2 s: only the one starting at 1 s lies in [0.5 s, 1.5 s).
        recorder.Summarize(null, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5)).Count.ShouldBe(1);
    }

    [Fact]
    public void Summarize_EmptyWindow_ReturnsNaNRatesAndPercentiles()
    {
        var recorder = new RunRecorder(["browse"]);
        recorder.Record("browse", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), Ok);

        var summary = recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(5));

        summary.Count.ShouldBe(0);
        double.IsNaN(summary.SuccessRate).ShouldBeTrue();
        double.IsNaN(summary.AvailableRate).ShouldBeTrue();
        double.IsNaN(summary.P99Seconds).ShouldBeTrue();
        double.IsNaN(summary.MaxSeconds).ShouldBeTrue();
        summary.ByOutcome.Count.ShouldBe(Enum.GetValues<OutcomeKind>().Length);
    }

    [Fact]
    public void Summarize_DroppedAndDegraded_CountInRatesButNotInLatency()
    {
        var recorder = new RunRecorder(["login"]);
        recorder.Record("login", TimeSpan.Zero, TimeSpan.FromMilliseconds(10), Ok);
        recorder.Record("login", TimeSpan.Zero, TimeSpan.FromMilliseconds(20), new JourneyResult(OutcomeKind.Degraded, 503));
        recorder.Record("login", TimeSpan.Zero, TimeSpan.FromMilliseconds(30), new JourneyResult(OutcomeKind.Timeout));
        recorder.RecordDropped("login", TimeSpan.Zero);

        var summary = recorder.Summarize("login", TimeSpan.Zero, TimeSpan.FromSeconds(1));

        summary.Count.ShouldBe(4);
        summary.ByOutcome[OutcomeKind.Dropped].ShouldBe(1);
        summary.SuccessRate.ShouldBe(0.25);
        summary.AvailableRate.ShouldBe(0.5);
        summary.MaxSeconds.ShouldBe(0.030, 0.0001);
    }

    [Fact]
    public void Summarize_AllJourneys_MergesEveryJourney()
    {
        var recorder = new RunRecorder(["browse", "checkout"]);
        recorder.Record("browse", TimeSpan.Zero, TimeSpan.FromMilliseconds(5), Ok);
        recorder.Record("checkout", TimeSpan.Zero, TimeSpan.FromMilliseconds(900), Ok);

        recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(1)).MaxSeconds.ShouldBe(0.9, 0.001);
        recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(1)).MaxSeconds.ShouldBe(0.005, 0.0001);
        recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(1)).Count.ShouldBe(2);
    }

    [Fact]
    public void Buckets_RecordsInFirstAndFourthSecond_ReturnsFourBucketsForEveryJourney()
    {
        var recorder = new RunRecorder(["browse", "checkout"]);
        recorder.Record("browse", TimeSpan.FromSeconds(0.1), TimeSpan.FromMilliseconds(10), Ok);
        recorder.Record("checkout", TimeSpan.FromSeconds(3.5), TimeSpan.FromMilliseconds(50), new JourneyResult(OutcomeKind.ConnectionError));
        recorder.RecordDropped("checkout", TimeSpan.FromSeconds(3.6));

        var all = recorder.Buckets(null);
        var browse = recorder.Buckets("browse");

        all.Count.ShouldBe(4);
        browse.Count.ShouldBe(4);
        all.Select(b => b.Start).ShouldBe([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)]);
        all[0].Succeeded.ShouldBe(1);
        all[1].Count.ShouldBe(0);
        double.IsNaN(all[1].P99Seconds).ShouldBeTrue();
        all[3].ShouldBe(all[3] with { Count = 2, Failed = 1, Dropped = 1, Succeeded = 0 });
        all[3].P99Seconds.ShouldBe(0.05, 0.0001);
        browse[3].Count.ShouldBe(0);
    }

    [Fact]
    public void Buckets_CustomWidth_GroupsByThatWidth()
    {
        var recorder = new RunRecorder(["browse"], TimeSpan.FromMilliseconds(100));
        recorder.Record("browse", TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1), Ok);

        var buckets = recorder.Buckets("browse");

        buckets.Count.ShouldBe(3);
        buckets[2].Start.ShouldBe(TimeSpan.FromMilliseconds(200));
        buckets[2].Count.ShouldBe(1);
    }

    [Fact]
    public void Record_UnknownJourney_ThrowsNamingTheKnownOnes()
    {
        var recorder = new RunRecorder(["browse"]);

        var exception = Should.Throw<ArgumentException>(() => recorder.Record("checkout", TimeSpan.Zero, TimeSpan.Zero, Ok));

        exception.Message.ShouldContain("'checkout'");
        exception.Message.ShouldContain("browse");
    }

    [Fact]
    public void Record_LatencyBeyondFiveMinutes_IsClampedNotThrown()
    {
        var recorder = new RunRecorder(["browse"]);

        recorder.Record("browse", TimeSpan.Zero, TimeSpan.FromHours(1), Ok);

        recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(1)).MaxSeconds.ShouldBe(300, 0.5);
    }

    [Fact]
    public void Record_ConcurrentWritersAcrossBuckets_CountsEveryRecord()
    {
        var recorder = new RunRecorder(["browse", "checkout"]);
        const int perWriter = 50_000;

        Parallel.For(0, 4, writer =>
        {
            var journey = writer % 2 == 0 ? "browse" : "checkout";
            for (var i = 0; i < perWriter; i++)
            {
                // Spread over 200 buckets so that writers race on creating and growing them too.
                recorder.Record(journey, TimeSpan.FromMilliseconds(i % 200 * 1000 + 1), TimeSpan.FromMilliseconds(1 + (i % 7)), Ok);
            }
        });

        var summary = recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(200));
        summary.Count.ShouldBe(4 * perWriter);
        summary.Succeeded.ShouldBe(4 * perWriter);
        recorder.Buckets(null).Sum(b => b.Count).ShouldBe(4 * perWriter);
        recorder.Buckets(null).Count.ShouldBe(200);
    }

    [Fact]
    public void FailureDetails_FailedJourneys_CountsEachDetailMostFrequentFirst()
    {
        var recorder = new RunRecorder(["checkout"]);
        recorder.Record("checkout", TimeSpan.Zero, TimeSpan.Zero, new JourneyResult(OutcomeKind.HttpError, 500, "pay: 500"));
        recorder.Record("checkout", TimeSpan.Zero, TimeSpan.Zero, new JourneyResult(OutcomeKind.Timeout, 0, "pay: timeout"));
        recorder.Record("checkout", TimeSpan.Zero, TimeSpan.Zero, new JourneyResult(OutcomeKind.Timeout, 0, "pay: timeout"));
        recorder.Record("checkout", TimeSpan.Zero, TimeSpan.Zero, new JourneyResult(OutcomeKind.Success, 200, "ignored"));

        var details = recorder.FailureDetails(null);

        details.ShouldBe(new Dictionary<string, long> { ["pay: timeout"] = 2, ["pay: 500"] = 1 });
        details.Keys.First().ShouldBe("pay: timeout");
    }
}
