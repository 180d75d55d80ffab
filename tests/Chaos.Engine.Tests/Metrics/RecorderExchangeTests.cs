using System.Text.Json;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Metrics;

public sealed class RecorderExchangeTests
{
    private static readonly string[] Journeys = ["browse", "checkout"];

    [Fact]
    public void Import_TwoAgentsExports_EqualsOneRecorderThatSawEverything()
    {
        var random = new Random(5);
        var whole = new RunRecorder(Journeys);
        var agents = new[] { new RunRecorder(Journeys), new RunRecorder(Journeys) };
        for (var k = 0; k < 2000; k++)
        {
            var journey = Journeys[k % 2];
            var at = TimeSpan.FromMilliseconds(k * 5);
            var latency = TimeSpan.FromMicroseconds(random.Next(200, 900_000));
            var result = (k % 17) switch
            {
                0 => new JourneyResult(OutcomeKind.HttpError, 500, "step 2 answered 500"),
                1 => new JourneyResult(OutcomeKind.Degraded, 503, null),
                2 => new JourneyResult(OutcomeKind.Dropped, 0, null),
                _ => JourneyResult.Ok(),
            };
            var lag = TimeSpan.FromMicroseconds(random.Next(0, 3000));
            whole.Record(journey, at, latency, result, lag);
            agents[k % 3 == 0 ? 0 : 1].Record(journey, at, latency, result, lag);
        }

        var merged = new RunRecorder(Journeys);
        foreach (var agent in agents)
        {
            // Through JSON, as an agent's result travels to the coordinator.
            var json = JsonSerializer.Serialize(agent.Export());
            merged.Import(JsonSerializer.Deserialize<RecorderExport>(json)!);
        }

        agents[0].Export().HistogramLog.ShouldStartWith("#[Histogram log format version 1.3]");
        foreach (var journey in new string?[] { null, "browse", "checkout" })
        {
            var expected = whole.Summarize(journey, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            var actual = merged.Summarize(journey, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            actual.Count.ShouldBe(expected.Count);
            actual.ByOutcome.ShouldBe(expected.ByOutcome);
            actual.Failures.ShouldBe(expected.Failures, ignoreOrder: true);
            actual.P50Seconds.ShouldBe(expected.P50Seconds);
            actual.P99Seconds.ShouldBe(expected.P99Seconds);
            actual.MaxSeconds.ShouldBe(expected.MaxSeconds);
            actual.LagP99Seconds.ShouldBe(expected.LagP99Seconds);
            merged.Buckets(journey).ShouldBe(whole.Buckets(journey));
        }

        merged.FailureDetails(null).ShouldBe(whole.FailureDetails(null));
    }

    [Fact]
    public void Import_UnknownJourneyOrOtherWidth_SaysWhy()
    {
        var agent = new RunRecorder(["browse", "staffLogin"]);
        agent.Record("staffLogin", TimeSpan.Zero, TimeSpan.FromMilliseconds(3), JourneyResult.Ok());

        Should.Throw<InvalidDataException>(() => new RunRecorder(["browse"]).Import(agent.Export())).Message.ShouldContain("(staffLogin)");
        Should.Throw<InvalidDataException>(() => new RunRecorder(["browse", "staffLogin"], TimeSpan.FromMilliseconds(500)).Import(agent.Export())).Message.ShouldContain("0.5 s");
    }
}
