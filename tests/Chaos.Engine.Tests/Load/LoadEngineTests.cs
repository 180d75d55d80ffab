using System.Collections.Concurrent;
using System.Diagnostics;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Scenarios;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Load;

public sealed class LoadEngineTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_ConstantThenRampingPhase_StartsTheIntegralOfTheRate()
    {
        var plan = Plan([Phase("baseline", 2, 20, 20), Phase("peak", 2, 20, 60)], maxInFlight: 100);
        var recorder = new RunRecorder(["browse"]);

        var summary = await DriveAsync(new LoadEngine(_time).RunAsync(plan, new InstantRunner(), recorder, _cancellationToken), TimeSpan.FromMilliseconds(50));

        summary.ShouldBe(summary with { Scheduled = 120, Started = 120, Dropped = 0 });
        summary.TargetRate.ShouldBe(30, 1e-9);
        summary.AchievedRate.ShouldBe(30, 0.5);
        // Per second: 20, 20, then the ramp's integral over each of its seconds: 30 and 50.
        recorder.Buckets("browse").Select(b => b.Count).ShouldBe([20L, 20, 30, 50]);
        recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(4)).SuccessRate.ShouldBe(1.0);
    }

    [Fact]
    public async Task RunAsync_FixedSeed_RespectsWeightsAndRepeats()
    {
        var weights = new Dictionary<string, int> { ["browse"] = 3, ["checkout"] = 1 };
        var plan = Plan([Phase("baseline", 1, 800, 800)], maxInFlight: 1000, weights);

        async Task<(long Browse, long Checkout)> RunOnceAsync()
        {
            var time = new FakeTimeProvider();
            var recorder = new RunRecorder(weights.Keys);
            await DriveAsync(new LoadEngine(time).RunAsync(plan, new InstantRunner(), recorder, _cancellationToken), TimeSpan.FromMilliseconds(100), time);
            return (recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(1)).Count,
                recorder.Summarize("checkout", TimeSpan.Zero, TimeSpan.FromSeconds(1)).Count);
        }

        var first = await RunOnceAsync();
        var second = await RunOnceAsync();

        (first.Browse + first.Checkout).ShouldBe(800);
        first.Browse.ShouldBeInRange(560, 640);
        second.ShouldBe(first);
    }

    [Fact]
    public async Task RunAsync_InFlightBoundReached_RecordsDroppedAndNeverExceedsTheBound()
    {
        var runner = new BlockingRunner();
        var plan = Plan([Phase("baseline", 1, 10, 10)], maxInFlight: 3);
        var recorder = new RunRecorder(["browse"]);

        var run = new LoadEngine(_time).RunAsync(plan, runner, recorder, _cancellationToken);
        for (var i = 0; i < 10; i++)
        {
            await SettleAsync();
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await WaitUntilAsync(() => runner.Running == 3);
        runner.Release();
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(5), _cancellationToken);

        runner.MaxConcurrent.ShouldBe(3);
        summary.ShouldBe(summary with { Scheduled = 10, Started = 3, Dropped = 7 });
        var window = recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(1));
        window.ByOutcome[OutcomeKind.Dropped].ShouldBe(7);
        window.Succeeded.ShouldBe(3);
        window.SuccessRate.ShouldBe(0.3);
    }

    [Fact]
    public async Task RunAsync_JourneysThrow_RecordsThemAndCompletesTheRun()
    {
        var weights = new Dictionary<string, int> { ["good"] = 1, ["bug"] = 1, ["refused"] = 1 };
        var runner = new InstantRunner(journey => journey switch
        {
            "bug" => throw new InvalidOperationException("step 2 blew up"),
            "refused" => throw new HttpRequestException("Connection refused (127.0.0.1:1)"),
            _ => JourneyResult.Ok(),
        });
        var recorder = new RunRecorder(weights.Keys);

        var summary = await DriveAsync(new LoadEngine(_time).RunAsync(Plan([Phase("baseline", 1, 60, 60)], 100, weights), runner, recorder, _cancellationToken),
            TimeSpan.FromMilliseconds(100));

        summary.Started.ShouldBe(60);
        var bug = recorder.Summarize("bug", TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var refused = recorder.Summarize("refused", TimeSpan.Zero, TimeSpan.FromSeconds(1));
        bug.Count.ShouldBeGreaterThan(0);
        bug.ByOutcome[OutcomeKind.HttpError].ShouldBe(bug.Count);
        refused.ByOutcome[OutcomeKind.ConnectionError].ShouldBe(refused.Count);
        recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(1)).Count.ShouldBe(60);
        recorder.FailureDetails("bug").Keys.ShouldBe(["journey threw InvalidOperationException: step 2 blew up"]);
    }

    [Fact]
    public async Task RunAsync_SchedulerFallsBehind_LatencyCountsFromTheIntendedStart()
    {
        // Ten arrivals 100 ms apart; the clock jumps a whole second (a GC pause, a stalled scheduler), so nine of them
        // start late. Measured from their actual start they would all look instant; from the intended start they waited.
        var plan = Plan([Phase("baseline", 1, 10, 10)], maxInFlight: 100);
        var recorder = new RunRecorder(["browse"]);

        var run = new LoadEngine(_time).RunAsync(plan, new InstantRunner(), recorder, _cancellationToken);
        await WaitUntilAsync(() => recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(1)).Count == 1);
        _time.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(5), _cancellationToken);

        var summary = recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(1));
        summary.Count.ShouldBe(10);
        summary.MaxSeconds.ShouldBe(0.9, 0.001);
        summary.P50Seconds.ShouldBe(0.4, 0.001);

        // The journeys themselves took no time: all of it was the engine's lateness, and it is recorded as such.
        summary.LagMaxSeconds.ShouldBe(0.9, 0.001);
        summary.LagP99Seconds.ShouldBe(0.9, 0.001);
        recorder.Buckets("browse")[0].LagP99Seconds.ShouldBe(0.9, 0.001);
    }

    [Fact]
    public async Task RunAsync_SystemStalls_LaterArrivalsIncludeTheWaitTheySuffered()
    {
        // Every journey hangs until the system recovers at 2 s: an arrival intended at t waited 2 - t.
        var runner = new BlockingRunner();
        var plan = Plan([Phase("baseline", 1, 4, 4)], maxInFlight: 100);
        var recorder = new RunRecorder(["browse"]);

        var run = new LoadEngine(_time).RunAsync(plan, runner, recorder, _cancellationToken);
        for (var i = 0; i < 8; i++)
        {
            await SettleAsync();
            _time.Advance(TimeSpan.FromMilliseconds(250));
        }

        await WaitUntilAsync(() => runner.Running == 4);
        runner.Release();
        await run.WaitAsync(TimeSpan.FromSeconds(5), _cancellationToken);

        var buckets = recorder.Buckets("browse");
        buckets.Single().Count.ShouldBe(4);
        var summary = recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(1));
        summary.MaxSeconds.ShouldBe(2.0, 0.002);
        summary.P50Seconds.ShouldBe(1.5, 0.002);
    }

    [Fact]
    public async Task RunAsync_JourneysOutliveTheDrain_CutsThemShortAsTimeouts()
    {
        var runner = new BlockingRunner();
        var recorder = new RunRecorder(["browse"]);

        var run = new LoadEngine(_time).RunAsync(Plan([Phase("baseline", 1, 5, 5)], 100), runner, recorder, _cancellationToken, drainInFlight: TimeSpan.FromSeconds(2));
        for (var i = 0; i < 12; i++)
        {
            await SettleAsync();
            _time.Advance(TimeSpan.FromMilliseconds(250));
        }

        // The clock stops at the end of the drain: the cut journeys record themselves well within the grace.
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(5), _cancellationToken);

        summary.Started.ShouldBe(5);
        summary.Elapsed.ShouldBe(TimeSpan.FromSeconds(3));
        var window = recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(1));
        window.ByOutcome[OutcomeKind.Timeout].ShouldBe(5);
        recorder.FailureDetails(null).Keys.ShouldBe(["cancelled: the run ended before the journey completed"]);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsAndCancelsJourneysInFlight()
    {
        var runner = new BlockingRunner();
        var recorder = new RunRecorder(["browse"]);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);

        var run = new LoadEngine(_time).RunAsync(Plan([Phase("baseline", 60, 2, 2)], 100), runner, recorder, cancellation.Token);
        for (var i = 0; i < 4; i++)
        {
            await SettleAsync();
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        await WaitUntilAsync(() => runner.Running == 5);
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(5), _cancellationToken));
        recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(60)).ByOutcome[OutcomeKind.Timeout].ShouldBe(5);
    }

    [Fact]
    public async Task RunAsync_WithOnTick_ReportsAboutOnceASecond()
    {
        var ticks = new List<LoadTick>();
        var plan = Plan([Phase("baseline", 2, 10, 10), Phase("peak", 1, 30, 30)], 100);

        await DriveAsync(new LoadEngine(_time).RunAsync(plan, new InstantRunner(), new RunRecorder(["browse"]), _cancellationToken, onTick: ticks.Add),
            TimeSpan.FromMilliseconds(100));

        ticks.Count.ShouldBeInRange(3, 4);
        ticks.Select(t => t.Elapsed).ShouldBeInOrder(SortDirection.Ascending);
        ticks[0].Phase.ShouldBe("baseline");
        ticks[0].TargetRate.ShouldBe(10);
        ticks[0].AchievedRate.ShouldBeInRange(9, 11); // the arrival due exactly at the tick is released before it
        ticks[2].Phase.ShouldBe("drain");
        ticks[^1].Completed.ShouldBeGreaterThanOrEqualTo(40);
        ticks[^1].Succeeded.ShouldBe(ticks[^1].Completed);
        double.IsNaN(ticks[0].P99Seconds).ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_StopArrivals_StartsNothingAfterItAndReturnsOnceTheJourneysInFlightAreRecorded()
    {
        var runner = new BlockingRunner();
        var recorder = new RunRecorder(["browse"]);
        var ticks = new List<LoadTick>();
        using var stop = new CancellationTokenSource();

        var run = new LoadEngine(_time).RunAsync(Plan([Phase("baseline", 60, 2, 2)], 100), runner, recorder, _cancellationToken, onTick: ticks.Add, stopArrivals: stop.Token);
        for (var i = 0; i < 4; i++)
        {
            await SettleAsync();
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        // Arrivals at 0, 0.5, 1, 1.5 and 2 s are in flight; the ticks at 1 and 2 s saw the first one still to be recorded.
        await WaitUntilAsync(() => runner.Running == 5);
        ticks.Select(t => t.OldestPending).ShouldBe([TimeSpan.Zero, TimeSpan.Zero]);
        await stop.CancelAsync();
        for (var i = 0; i < 4; i++)
        {
            await SettleAsync();
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        runner.Running.ShouldBe(5, "no arrival starts after the stop");
        run.IsCompleted.ShouldBeFalse("the journeys in flight drain first");
        runner.Release();
        var summary = await DriveAsync(run, TimeSpan.FromMilliseconds(100));

        summary.Started.ShouldBe(5);
        summary.Scheduled.ShouldBe(5);
        recorder.Summarize("browse", TimeSpan.Zero, TimeSpan.FromSeconds(60)).Succeeded.ShouldBe(5);
    }

    [Fact]
    public async Task RunAsync_InvalidPlan_ThrowsWithEveryProblem()
    {
        var plan = new LoadPlan([Phase("baseline", 0, -1, 5)], new Dictionary<string, int> { ["browse"] = -1 }, 0, 1);

        var exception = await Should.ThrowAsync<ArgumentException>(() =>
            new LoadEngine(_time).RunAsync(plan, new InstantRunner(), new RunRecorder(["browse"]), _cancellationToken));

        exception.Message.ShouldContain("duration");
        exception.Message.ShouldContain("startRate -1");
        exception.Message.ShouldContain("weight -1");
        exception.Message.ShouldContain("MaxInFlight 0");
    }

    [Fact]
    public async Task RunAsync_JourneyUnknownToRecorder_Throws()
    {
        var exception = await Should.ThrowAsync<ArgumentException>(() =>
            new LoadEngine(_time).RunAsync(Plan([Phase("baseline", 1, 1, 1)], 10), new InstantRunner(), new RunRecorder(["checkout"]), _cancellationToken));

        exception.Message.ShouldContain("'browse'");
    }

    [Fact]
    public async Task RunAsync_5000PerSecondOnAFakeClock_StartsEveryArrivalWithinOneClockStepAndNoneEarly()
    {
        // The pacing the wall-clock benchmark measures at 5,000/s (bench/run.sh, docs/benchmarks.md), as far as logic goes:
        // every planned arrival starts, none before its time in the schedule, none later than the first clock step at or
        // after it. The clock moves on only once every arrival due so far has started, so thread-pool delays on a busy
        // machine cannot show up as lateness.
        var step = TimeSpan.FromMilliseconds(5);
        var plan = Plan([Phase("baseline", 2, 5_000, 5_000)], maxInFlight: 20_000);
        var schedule = new ArrivalSchedule(plan.Phases);
        var recorder = new RunRecorder(["browse"]);
        var runner = new TimedRunner(_time, TimeSpan.Zero);
        var start = _time.GetTimestamp();

        var run = new LoadEngine(_time).RunAsync(plan, runner, recorder, _cancellationToken);
        long due = 0;
        for (var i = 0; i < 1_000 && !run.IsCompleted; i++)
        {
            var now = _time.GetElapsedTime(start);
            while (due < schedule.Count && schedule.TimeOf(due) <= now)
            {
                due++;
            }

            await WaitUntilAsync(() => runner.Log.Count >= due || run.IsCompleted);
            _time.Advance(step);
        }

        var summary = await run.WaitAsync(TimeSpan.FromSeconds(10), _cancellationToken);
        summary.ShouldBe(summary with { Scheduled = 10_000, Started = 10_000, Dropped = 0 });
        summary.AchievedRate.ShouldBe(5_000, 5_000 * 0.01);
        var starts = runner.Log.Select(l => l.At).Order().ToArray();
        starts.Length.ShouldBe(10_000);
        var lags = starts.Select((at, i) => at - schedule.TimeOf(i)).ToArray();
        lags.Min().ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero, "no arrival starts before its time");
        lags.Max().ShouldBeLessThanOrEqualTo(step, "each arrival starts at the first clock step at or after its time");
        starts.Count(at => at < TimeSpan.FromSeconds(1)).ShouldBeInRange(4_975, 5_000, "5,000 in the first second, less what the last step carried over");
    }

    [Fact]
    public async Task RunAsync_SystemClock_KeepsTheRateWithinTolerance()
    {
        // The one test on the real clock: 400 arrivals per second for 0.5 s, released in batches between 1 ms waits.
        var plan = Plan([Phase("baseline", 0.5, 400, 400)], 1000);
        var recorder = new RunRecorder(["browse"]);
        var stopwatch = Stopwatch.StartNew();

        var summary = await new LoadEngine(TimeProvider.System).RunAsync(plan, new InstantRunner(), recorder, _cancellationToken);

        stopwatch.Elapsed.ShouldBeInRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5));
        summary.ShouldBe(summary with { Scheduled = 200, Started = 200, Dropped = 0 });
        var window = recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        window.Count.ShouldBe(200);
        window.P50Seconds.ShouldBeLessThan(0.1);
    }

    [Fact]
    public async Task RunAsync_StartTimestampInThePast_CountsTheScheduleFromItAndRecordsTheLateness()
    {
        // The runner takes the load's time 0 when it starts the fault timeline; starting the engine takes a moment more.
        var plan = Plan([Phase("baseline", 2, 10, 10)], 100);
        var recorder = new RunRecorder(["browse"]);
        var runner = new CountingRunner();
        var start = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromMilliseconds(450));

        var run = new LoadEngine(_time).RunAsync(plan, runner, recorder, _cancellationToken, startTimestamp: start);
        // The clock stays at 450 ms until the arrival due at 0 has started: under a busy CPU the engine may take longer
        // than one settling step to begin, and a step taken before it would add 50 ms to the lateness measured.
        await WaitUntilAsync(() => runner.Count >= 1);
        await DriveAsync(run, TimeSpan.FromMilliseconds(50));

        recorder.Buckets("browse").Select(b => b.Count).ShouldBe([10L, 10]);
        var first = recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        first.LagMaxSeconds.ShouldBe(0.45, 0.001, "the arrival due at 0 s started 450 ms late");
        recorder.Summarize(null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)).LagMaxSeconds.ShouldBeLessThan(0.051);
    }

    [Fact]
    public async Task RunAsync_SystemClock_KeepsStartingJourneysWhileATickIsBeingDelivered()
    {
        // The first tick's callback holds its thread until ten more journeys have started: a tick delivered on the
        // schedule's own thread would hold the schedule too, and the callback would give up after 5 s with none started.
        var plan = Plan([Phase("baseline", 2, 100, 100)], 1000);
        var recorder = new RunRecorder(["browse"]);
        var runner = new CountingRunner();
        var startedWhileHeld = new List<bool>();

        await new LoadEngine(TimeProvider.System).RunAsync(plan, runner, recorder, _cancellationToken, onTick: tick =>
        {
            if (startedWhileHeld.Count == 0)
            {
                var atTick = runner.Count;
                startedWhileHeld.Add(SpinWait.SpinUntil(() => runner.Count >= atTick + 10, TimeSpan.FromSeconds(5)));
            }
        });

        startedWhileHeld.ShouldBe([true], "journeys kept starting while the first tick's callback held its thread");
    }

    private static LoadPhase Phase(string name, double seconds, double startRate, double endRate) =>
        new(name, TimeSpan.FromSeconds(seconds), startRate, endRate);

    private static LoadPlan Plan(IReadOnlyList<LoadPhase> phases, int maxInFlight, IReadOnlyDictionary<string, int>? weights = null) =>
        new(phases, weights ?? new Dictionary<string, int> { ["browse"] = 1 }, maxInFlight, Seed: 42);

    /// <summary>Advances the fake clock step by step, letting the journeys on the thread pool run between steps.</summary>
    private async Task<T> DriveAsync<T>(Task<T> run, TimeSpan step, FakeTimeProvider? time = null)
    {
        time ??= _time;
        for (var i = 0; i < 10_000 && !run.IsCompleted; i++)
        {
            await SettleAsync();
            time.Advance(step);
        }

        return await run.WaitAsync(TimeSpan.FromSeconds(5), _cancellationToken);
    }

    private static async Task SettleAsync()
    {
        // Journeys run on the thread pool: give them a moment on the real clock before the fake one moves on.
        await Task.Delay(TimeSpan.FromMilliseconds(2), TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the condition never became true");
            await Task.Delay(TimeSpan.FromMilliseconds(1), TestContext.Current.CancellationToken);
        }
    }

    private sealed class InstantRunner(Func<string, JourneyResult>? behaviour = null) : IJourneyRunner
    {
        public ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken) =>
            ValueTask.FromResult(behaviour?.Invoke(journey) ?? JourneyResult.Ok());
    }

    private sealed class CountingRunner : IJourneyRunner
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(JourneyResult.Ok());
        }
    }

    /// <summary>Every journey waits until <see cref="Release"/> or until it is cancelled.</summary>
    private sealed class BlockingRunner : IJourneyRunner
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running;
        private int _maxConcurrent;

        public int Running => Volatile.Read(ref _running);

        public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

        public void Release() => _gate.TrySetResult();

        public async ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref _running);
            int seen;
            while (running > (seen = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, running, seen) != seen)
            {
            }

            try
            {
                await _gate.Task.WaitAsync(cancellationToken);
                return JourneyResult.Ok();
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }
}
