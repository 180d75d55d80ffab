using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Scenarios;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Load.EngineDriver;

namespace Chaos.Engine.Tests.Load;

public sealed class ClosedModelTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_KeepConstant_RunsCopiesBackToBackAndNeverMoreInFlight()
    {
        var runner = new TimedRunner(_time, TimeSpan.FromMilliseconds(100));
        var recorder = new RunRecorder(["browse"]);

        var summary = await DriveAsync(_time, new LoadEngine(_time).RunAsync(Plan(LoadPhase.Closed("steady", Seconds(1), 5, 5)), runner, recorder, _cancellationToken), Step);

        runner.MaxRunning.ShouldBe(5);
        // Five users, each a journey of 100 ms after the other for 1 s: ten each (a slow hop on the real clock may cost one).
        summary.Started.ShouldBeInRange(45, 50);
        summary.Dropped.ShouldBe(0);
        runner.Log.Select(e => e.User).Distinct().Order().ShouldBe([512, 513, 514, 515, 516]);
        runner.UserOverlapped.ShouldBeFalse();
        recorder.Summarize(null, TimeSpan.Zero, Seconds(1)).P99Seconds.ShouldBeLessThan(0.15);
    }

    [Fact]
    public async Task RunAsync_RampingConstant_CopiesFollowTheRamp()
    {
        var runner = new TimedRunner(_time, TimeSpan.FromMilliseconds(100));
        var recorder = new RunRecorder(["browse"]);

        await DriveAsync(_time, new LoadEngine(_time).RunAsync(Plan(LoadPhase.Closed("ramp", Seconds(2), 0, 10)), runner, recorder, _cancellationToken), Step);

        // Copies go 0 -> 10 over 2 s: about 2.5 users on average in the first second and 7.5 in the second.
        var buckets = recorder.Buckets("browse").Select(b => b.Count).ToArray();
        buckets[0].ShouldBeInRange(20, 30);
        buckets[1].ShouldBeInRange(70, 80);
        runner.MaxRunning.ShouldBeLessThanOrEqualTo(10);
        var timeline = new PhaseTimeline([LoadPhase.Closed("ramp", Seconds(2), 0, 10)]);
        runner.Log.ShouldAllBe(e => e.Running <= timeline.CopiesAt(e.At));
    }

    [Fact]
    public async Task RunAsync_FewerCopiesInTheNextPhase_SurplusUsersStopAfterTheirJourney()
    {
        var runner = new TimedRunner(_time, TimeSpan.FromMilliseconds(100));
        var plan = Plan(LoadPhase.Closed("busy", Seconds(1), 8, 8), LoadPhase.Closed("calm", Seconds(1), 2, 2));

        await DriveAsync(_time, new LoadEngine(_time).RunAsync(plan, runner, new RunRecorder(["browse"]), _cancellationToken), Step);

        var calm = runner.Log.Where(e => e.At >= Seconds(1)).ToArray();
        calm.Select(e => e.User).Distinct().Count().ShouldBe(2);
        calm.Where(e => e.At >= TimeSpan.FromMilliseconds(1100)).ShouldAllBe(e => e.Running <= 2);
        runner.Log.Count(e => e.At < Seconds(1)).ShouldBeInRange(72, 80);
    }

    [Fact]
    public async Task RunAsync_OpenClosedOpen_RunsEachModelInItsPhase()
    {
        var runner = new TimedRunner(_time, TimeSpan.FromMilliseconds(100));
        var recorder = new RunRecorder(["browse"]);
        var plan = Plan(Open("before", 1, 10), LoadPhase.Closed("users", Seconds(1), 3, 3), Open("after", 1, 10));

        var summary = await DriveAsync(_time, new LoadEngine(_time).RunAsync(plan, runner, recorder, _cancellationToken), Step);

        var buckets = recorder.Buckets("browse").Select(b => b.Count).ToArray();
        (buckets[0], buckets[2]).ShouldBe((10L, 10L));
        buckets[1].ShouldBeInRange(27, 30); // three users, ten 100 ms journeys each
        summary.Started.ShouldBe(buckets.Sum());
        runner.Log.Where(e => e.At >= Seconds(1) && e.At < Seconds(2)).ShouldAllBe(e => e.User >= 512);
        runner.Log.Where(e => e.At < Seconds(1) || e.At >= Seconds(2)).ShouldAllBe(e => e.User < 512);
    }

    [Fact]
    public async Task RunAsync_FixedThinkTime_WaitsBetweenAUsersJourneysAndCountsLatencyFromWhenItWasDue()
    {
        var runner = new TimedRunner(_time, TimeSpan.Zero);
        var recorder = new RunRecorder(["browse"]);
        var plan = Plan(LoadPhase.Closed("one", Seconds(1), 1, 1)) with { ThinkTime = new ThinkTime(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)) };

        await DriveAsync(_time, new LoadEngine(_time).RunAsync(plan, runner, recorder, _cancellationToken), Step);

        // Journeys at 0, 200, 400, 600 and 800 ms (a slow thread-pool hop on the real clock may push one a step later).
        var starts = runner.Log.Select(e => e.At.TotalMilliseconds).ToArray();
        starts.Length.ShouldBeInRange(4, 5);
        starts.Zip(starts.Skip(1), (a, b) => b - a).ShouldAllBe(gap => gap >= 200 && gap <= 320);
        recorder.Summarize(null, TimeSpan.Zero, Seconds(1)).MaxSeconds.ShouldBeLessThan(0.05);
    }

    [Fact]
    public async Task RunAsync_ThinkTimeRange_DrawsEachThinkTimeFromTheUsersSeededRandom()
    {
        var think = new ThinkTime(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        var runner = new TimedRunner(_time, TimeSpan.Zero);
        var plan = Plan(LoadPhase.Closed("one", Seconds(3), 1, 1)) with { ThinkTime = think };

        await DriveAsync(_time, new LoadEngine(_time).RunAsync(plan, runner, new RunRecorder(["browse"]), _cancellationToken), Step);

        // The user (id 512, the first closed-model user of a plan with MaxInFlight 512) picks its journey, then draws its think time.
        var random = new VirtualUser(512, 7).Random;
        var starts = runner.Log.Select(e => e.At.TotalMilliseconds).ToArray();
        starts.Length.ShouldBeGreaterThan(8);
        for (var i = 1; i < starts.Length; i++)
        {
            random.Next(1);
            var expected = 100 + (long)(random.NextDouble() * TimeSpan.FromMilliseconds(200).Ticks) / (double)TimeSpan.TicksPerMillisecond;
            var gap = starts[i] - starts[i - 1];
            // Never shorter than drawn (the fake clock fires timers to the millisecond); longer only by a slow hop on the real clock.
            gap.ShouldBeInRange(expected - 1, expected + 120, $"think time {i}");
        }
    }

    [Fact]
    public async Task RunAsync_ClosedUsers_KeepTheirStateAcrossIterations()
    {
        var runner = new TimedRunner(_time, TimeSpan.FromMilliseconds(100));
        var users = new List<VirtualUser>();
        var plan = Plan(LoadPhase.Closed("two", Seconds(1), 2, 2));

        await DriveAsync(_time, new LoadEngine(_time).RunAsync(plan, new CapturingRunner(runner, users), new RunRecorder(["browse"]), _cancellationToken), Step);

        var distinct = users.Distinct().ToArray();
        distinct.Length.ShouldBe(2);
        distinct.ShouldAllBe(u => ((JourneyCount)u.State!).Count >= 9 && ((JourneyCount)u.State!).Count == users.Count(v => v == u));
    }

    [Fact]
    public async Task RunAsync_OpenModel_BorrowsUsersFromAPoolBoundedByMaxInFlight()
    {
        var runner = new TimedRunner(_time, TimeSpan.FromMilliseconds(150));
        var users = new List<VirtualUser>();
        var plan = Plan(Open("arrivals", 2, 40)) with { MaxInFlight = 4 };

        var summary = await DriveAsync(_time, new LoadEngine(_time).RunAsync(plan, new CapturingRunner(runner, users), new RunRecorder(["browse"]), _cancellationToken), Step);

        var distinct = users.Distinct().ToArray();
        distinct.Length.ShouldBeLessThanOrEqualTo(4);
        distinct.ShouldAllBe(u => u.Id >= 0 && u.Id < 4);
        runner.UserOverlapped.ShouldBeFalse();
        // 40 per second of 150 ms journeys wants 6 in flight: the bound of 4 drops some, and users are reused.
        summary.Dropped.ShouldBeGreaterThan(0);
        distinct.Sum(u => ((JourneyCount)u.State!).Count).ShouldBe((int)summary.Started);
        distinct.ShouldContain(u => ((JourneyCount)u.State!).Count > 1);
    }

    [Fact]
    public async Task RunAsync_PhaseWithItsOwnMix_PicksFromItInThatPhaseOnly()
    {
        var runner = new TimedRunner(_time, TimeSpan.Zero);
        var recorder = new RunRecorder(["browse", "credentialStuffing"]);
        var plan = Plan(
            Open("normal", 1, 20),
            Open("attack", 1, 20) with { Journeys = new Dictionary<string, int> { ["credentialStuffing"] = 1 } },
            LoadPhase.Closed("users", Seconds(1), 2, 2) with { Journeys = new Dictionary<string, int> { ["browse"] = 30, ["credentialStuffing"] = 70 } })
            with { ThinkTime = new ThinkTime(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)) };

        await DriveAsync(_time, new LoadEngine(_time).RunAsync(plan, runner, recorder, _cancellationToken), Step);

        recorder.Buckets("browse").Select(b => b.Count).Take(2).ShouldBe([20L, 0]);
        recorder.Buckets("credentialStuffing").Select(b => b.Count).Take(2).ShouldBe([0L, 20]);
        var mixed = runner.Log.Where(e => e.At >= Seconds(2)).ToArray();
        mixed.Count(e => e.Journey == "credentialStuffing").ShouldBeGreaterThan(mixed.Count(e => e.Journey == "browse"));
        mixed.Count(e => e.Journey == "browse").ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task RunAsync_PhaseMixJourneyUnknownToRecorder_Throws()
    {
        var plan = Plan(Open("attack", 1, 5) with { Journeys = new Dictionary<string, int> { ["credentialStuffing"] = 1 } });

        var exception = await Should.ThrowAsync<ArgumentException>(() =>
            new LoadEngine(_time).RunAsync(plan, new TimedRunner(_time, TimeSpan.Zero), new RunRecorder(["browse"]), _cancellationToken));

        exception.Message.ShouldContain("'credentialStuffing'");
    }

    [Fact]
    public void Validate_ClosedPhaseProblems_SayHowToFixThem()
    {
        var plan = Plan(LoadPhase.Closed("negative", Seconds(1), -1, 5), LoadPhase.Closed("empty", Seconds(1), 0, 0), LoadPhase.Closed("big", Seconds(1), 600, 600))
            with { ThinkTime = new ThinkTime(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)) };

        var errors = plan.Validate();

        errors.ShouldContain(e => e.Contains("'negative'") && e.Contains("negative"));
        errors.ShouldContain(e => e.Contains("'empty'") && e.Contains("0 copies"));
        errors.ShouldContain(e => e.Contains("'big'") && e.Contains("exceed MaxInFlight 512"));
        errors.ShouldContain(e => e.Contains("ThinkTime"));
    }

    [Fact]
    public void CopiesAt_RampsLinearlyWithinAClosedPhaseAndIsZeroInOpenPhases()
    {
        var timeline = new PhaseTimeline([Open("open", 1, 10), LoadPhase.Closed("ramp", Seconds(2), 4, 0)]);

        timeline.CopiesAt(TimeSpan.FromMilliseconds(500)).ShouldBe(0);
        timeline.CopiesAt(Seconds(1)).ShouldBe(4);
        timeline.CopiesAt(Seconds(2)).ShouldBe(2);
        timeline.CopiesAt(TimeSpan.FromMilliseconds(2900)).ShouldBe(0);
        timeline.CopiesAt(Seconds(3)).ShouldBe(0);
        timeline.NextBoundaryAfter(TimeSpan.FromMilliseconds(500)).ShouldBe(Seconds(1));
        timeline.NextBoundaryAfter(Seconds(3)).ShouldBeNull();
    }

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    private static LoadPhase Open(string name, double seconds, double rate) => new(name, Seconds(seconds), rate, rate);

    private static LoadPlan Plan(params LoadPhase[] phases) =>
        new(phases, new Dictionary<string, int> { ["browse"] = 1 }, MaxInFlight: 512, Seed: 7);

    private sealed class CapturingRunner(IJourneyRunner inner, List<VirtualUser> users) : IJourneyRunner
    {
        public ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
        {
            lock (users)
            {
                users.Add(user);
            }

            return inner.RunAsync(journey, user, cancellationToken);
        }
    }
}
