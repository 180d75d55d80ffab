using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Scenarios;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Load.EngineDriver;

namespace Chaos.Engine.Tests.Load;

public sealed class ExecutionSegmentTests
{
    private static readonly string[] Sequences = ["0,1", "0,1/2,1", "0,1/3,2/3,1", "0,1/4,1/2,3/4,1", "0,1/2,3/4,1", "0,3/5,1", "0,1/10,3/10,1", "0,0.2,50%,1"];

    public static TheoryData<string> AllSequences() => new(Sequences);

    [Theory]
    [MemberData(nameof(AllSequences))]
    public void OwnerOf_EveryItem_BelongsToExactlyOneSegmentAndEachPeriodGivesEverySegmentItsLength(string text)
    {
        ExecutionSegmentSequence.TryParse(text, out var sequence, out var error).ShouldBeTrue(error);

        var taken = new long[sequence!.Count];
        for (long k = 0; k < sequence.Period; k++)
        {
            taken[sequence.OwnerOf(k)]++;
        }

        for (var s = 0; s < sequence.Count; s++)
        {
            var length = sequence.Boundaries[s + 1] - sequence.Boundaries[s];
            taken[s].ShouldBe(length.Numerator * (sequence.Period / length.Denominator), $"segment {s} of {text}");
        }
    }

    [Theory]
    [MemberData(nameof(AllSequences))]
    public void Share_AnyCount_IsWithinOneOfCountTimesLengthAndTheSharesAddUp(string text)
    {
        ExecutionSegmentSequence.TryParse(text, out var sequence, out _).ShouldBeTrue();

        for (long value = 0; value <= 1000; value++)
        {
            long sum = 0;
            for (var s = 0; s < sequence!.Count; s++)
            {
                var share = sequence.Share(s, value);
                var fair = value * (sequence.Boundaries[s + 1] - sequence.Boundaries[s]).Value;
                Math.Abs(share - fair).ShouldBeLessThanOrEqualTo(1.0, $"segment {s} of {text} for {value} items: {share}, fair {fair}");
                sum += share;
            }

            sum.ShouldBe(value);
        }
    }

    [Fact]
    public void OwnerOf_EqualSegments_DealsRoundRobin()
    {
        var sequence = ExecutionSegmentSequence.Equal(3);

        Enumerable.Range(0, 9).Select(k => sequence.OwnerOf(k)).ShouldBe([0, 1, 2, 0, 1, 2, 0, 1, 2]);
        sequence.ToString().ShouldBe("0,1/3,2/3,1");
    }

    [Theory]
    [InlineData("0,1/2", "must start at 0 and end at 1")]
    [InlineData("0,2/3,1/3,1", "boundary 1/3 is not above 2/3")]
    [InlineData("0,x,1", "'x' is not a fraction")]
    [InlineData("1", "must start at 0 and end at 1")]
    [InlineData("0,1/999983,1/999979,1", "common denominator above 1000000")]
    public void TryParse_BadSequence_SaysWhatIsWrong(string text, string message)
    {
        ExecutionSegmentSequence.TryParse(text, out var sequence, out var error).ShouldBeFalse();

        sequence.ShouldBeNull();
        error!.ShouldContain(message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void PlannedArrival_SplitOverAgents_EveryArrivalGoesToOneAgentAndTheUnionIsTheSchedule(int agents)
    {
        var plan = OpenPlan();
        var whole = PlannedArrival.Of(plan).ToArray();
        var sequence = ExecutionSegmentSequence.Equal(agents);

        var segments = Enumerable.Range(0, agents).Select(i => new LoadSegment(sequence, i)).ToArray();
        var shares = segments.Select(segment => whole.Where(a => segment.Owns(a.Index)).ToArray()).ToArray();

        whole.ShouldAllBe(a => segments.Count(s => s.Owns(a.Index)) == 1);
        shares.SelectMany(s => s).OrderBy(a => a.Index).ShouldBe(whole);
        for (var i = 0; i < agents; i++)
        {
            Math.Abs(shares[i].Length - (whole.Length / (double)agents)).ShouldBeLessThanOrEqualTo(1);
        }
    }

    [Fact]
    public async Task RunAsync_ThreeSegments_TogetherRecordTheSingleEngineArrivalsWithTheirJourneys()
    {
        var plan = OpenPlan();
        var planned = PlannedArrival.Of(plan).GroupBy(a => (a.Journey, Bucket: (int)(a.At.Ticks / Width.Ticks))).ToDictionary(g => g.Key, g => (long)g.Count());
        var single = await CountsAsync(plan);
        var sequence = ExecutionSegmentSequence.Equal(3);
        var merged = new Dictionary<(string, int), long>();
        for (var i = 0; i < 3; i++)
        {
            var part = await CountsAsync(plan with { Segment = new LoadSegment(sequence, i) });
            part.Values.Sum().ShouldBeInRange((planned.Values.Sum() / 3) - 1, (planned.Values.Sum() / 3) + 1);
            foreach (var (key, count) in part)
            {
                merged[key] = merged.GetValueOrDefault(key) + count;
            }
        }

        Sorted(single).ShouldBe(Sorted(planned));
        Sorted(merged).ShouldBe(Sorted(planned));
    }

    [Theory]
    [InlineData(7, 2)]
    [InlineData(7, 3)]
    [InlineData(5, 4)]
    public async Task RunAsync_ClosedPhaseSplit_CopiesSplitExactlyAndKeepTheirUsers(int copies, int agents)
    {
        var plan = new LoadPlan([LoadPhase.Closed("users", TimeSpan.FromSeconds(1), copies, copies)], new Dictionary<string, int> { ["browse"] = 1, ["checkout"] = 1 }, 64, 7);
        var sequence = ExecutionSegmentSequence.Equal(agents);
        var users = new List<int>();
        for (var i = 0; i < agents; i++)
        {
            var time = new FakeTimeProvider();
            var runner = new TimedRunner(time, TimeSpan.FromMilliseconds(100));
            var segment = new LoadSegment(sequence, i);
            await DriveAsync(time, new LoadEngine(time).RunAsync(plan with { Segment = segment }, runner, new RunRecorder(plan.Journeys), TestContext.Current.CancellationToken), TimeSpan.FromMilliseconds(10));

            var mine = runner.Log.Select(e => e.User).Distinct().ToArray();
            mine.Length.ShouldBe((int)segment.Share(copies));
            runner.MaxRunning.ShouldBe((int)segment.Share(copies));
            users.AddRange(mine);
        }

        // Closed-model users are numbered after the open pool (MaxInFlight): together the agents run each of them once.
        users.Order().ShouldBe(Enumerable.Range(64, copies));
    }

    [Fact]
    public async Task RunAsync_OpenModelSplit_NoTwoAgentsRunTheSameUser()
    {
        // Each journey holds its user for 200 ms, so each agent's pool creates several users. A user's id seeds its
        // random source (its trace ids, its {{user.id}}): two agents with the same ids would send the same trace ids,
        // and a journal would show one journey calling twice.
        var plan = OpenPlan();
        var sequence = ExecutionSegmentSequence.Equal(3);
        var byAgent = new List<int[]>();
        for (var i = 0; i < 3; i++)
        {
            var time = new FakeTimeProvider();
            var runner = new TimedRunner(time, TimeSpan.FromMilliseconds(200));
            await DriveAsync(time, new LoadEngine(time).RunAsync(plan with { Segment = new LoadSegment(sequence, i) }, runner, new RunRecorder(plan.Journeys), TestContext.Current.CancellationToken), TimeSpan.FromMilliseconds(10));
            byAgent.Add([.. runner.Log.Select(e => e.User).Distinct()]);
        }

        byAgent.ShouldAllBe(users => users.Length > 1);
        byAgent.SelectMany(users => users).ShouldBeUnique();
        byAgent[0].ShouldAllBe(id => id < plan.MaxInFlight, "segment 0 numbers its users as one engine does");
    }

    private static LoadPlan OpenPlan() => new(
        [new LoadPhase("ramp", TimeSpan.FromSeconds(2), 10, 40), new LoadPhase("steady", TimeSpan.FromSeconds(1), 30, 30)],
        new Dictionary<string, int> { ["browse"] = 3, ["checkout"] = 1, ["addToCart"] = 2 },
        512,
        42);

    // Narrow buckets, so that a count per journey and bucket pins each arrival's intended start to within 100 ms.
    private static readonly TimeSpan Width = TimeSpan.FromMilliseconds(100);

    private static string[] Sorted(Dictionary<(string Journey, int Bucket), long> counts) =>
        [.. counts.Select(c => $"{c.Key.Journey}@{c.Key.Bucket}={c.Value}").Order(StringComparer.Ordinal)];

    private static async Task<Dictionary<(string Journey, int Bucket), long>> CountsAsync(LoadPlan plan)
    {
        var time = new FakeTimeProvider();
        var recorder = new RunRecorder(plan.Journeys, Width);
        await DriveAsync(time, new LoadEngine(time).RunAsync(plan, new TimedRunner(time, TimeSpan.Zero), recorder, TestContext.Current.CancellationToken), TimeSpan.FromMilliseconds(50));
        return recorder.Journeys
            .SelectMany(j => recorder.Buckets(j).Select((b, i) => (Key: (j, i), b.Count)))
            .Where(e => e.Count > 0)
            .ToDictionary(e => e.Key, e => e.Count);
    }
}
