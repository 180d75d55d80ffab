using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Chaos.Engine.Metrics;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Load;

/// <summary>The state of one run of the <see cref="LoadEngine"/>.</summary>
internal sealed class LoadRun
{
    // How many slow inline starts (see SlowInlineStart) a run allows before it queues its journeys to the thread pool.
    private const int SlowInlineStartsAllowed = 8;

    // Waits shorter than this would spin: arrivals due sooner are released together on the next pass.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    // On its own thread, the schedule sleeps in whole milliseconds until the next pass is this close, then in the kernel's
    // sub-millisecond sleep.
    private static readonly TimeSpan CoarseSleepAbove = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan ShortestSleep = TimeSpan.FromMilliseconds(0.25);

    // A start that holds the schedule longer than this is slow (a garbage collection can make one so, hence a few allowed).
    private static readonly TimeSpan SlowInlineStart = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TickLatencyWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(5);

    // How often the loop looks at a ramping closed-model phase to start the copies it now wants.
    private static readonly TimeSpan CopiesPoll = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider _timeProvider;
    private readonly ArrivalSchedule _schedule;
    private readonly PhaseTimeline _timeline;
    private readonly JourneyMix[] _mixes;
    private readonly Random _random;
    private readonly int _seed;
    private readonly ThinkTime? _thinkTime;
    private readonly VirtualUserPool _pool;
    private readonly OpenArrival?[] _arrivals;
    private readonly VirtualUser?[] _copyUsers;
    private readonly int[] _copyActive;

    // Per closed-model slot, the intended start (ticks) of the journey its user runs or waits to run; MaxValue when the user
    // has stopped. With the open arrivals' own, it tells which intended starts may still be recorded (see OldestPending).
    private readonly long[] _copyPendingSince;
    private readonly IJourneyRunner _journeys;
    private readonly RunRecorder _recorder;
    private readonly Action<LoadTick>? _onTick;
    private readonly int _maxInFlight;
    private readonly int _firstOpenUserId;
    private readonly LoadSegment? _segment;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Wakeup _wakeup;

    // On the system clock the schedule runs on a thread of its own (see ScheduleOnThreadAsync); on any other clock (a
    // fake one in tests) it is an async loop that the clock's timers drive.
    private readonly bool _ownThread;
    private readonly TaskCompletionSource<TimeSpan> _scheduleDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _sleepGate = new();
    private CancellationToken _scheduleToken;
    private int _passGate;
    private long _nextDueTicks;
    private int _slowInlineStarts;

    // The scheduling pass's position: only the thread that holds the pass (the loop, or on its own thread _passGate) uses it.
    private long _next;
    private TimeSpan _nextTime;
    private TimeSpan _nextTick;

    private CancellationToken _journeyToken;
    private CancellationTokenSource? _loops;
    private CancellationToken _loopToken;
    private long _startTimestamp;
    private int _inFlight;
    private int _openInFlight;
    private int _schedulingDone;
    private int _stopRequested;
    private long _scheduled;
    private long _started;
    private long _dropped;
    private long _completed;
    private long _succeeded;
    private TimeSpan _lastTickAt;
    private long _lastTickStarted;

    // On the system clock a tick is delivered on the thread pool (see Tick); the schedule never waits for it.
    private Task _tickDelivery = Task.CompletedTask;

    public LoadRun(TimeProvider timeProvider, LoadPlan plan, IJourneyRunner journeys, RunRecorder recorder, Action<LoadTick>? onTick)
    {
        _timeProvider = timeProvider;
        _schedule = new ArrivalSchedule(plan.Phases);
        _timeline = new PhaseTimeline(plan.Phases);
        var mix = new JourneyMix(plan.JourneyWeights);
        _mixes = plan.Phases.Select(p => p.Journeys is { } own ? new JourneyMix(own) : mix).ToArray();
        _random = new Random(plan.Seed);
        _seed = plan.Seed;
        _thinkTime = plan.ThinkTime;
        _firstOpenUserId = FirstOpenUserId(plan, _timeline.MaxCopies);
        _pool = new VirtualUserPool(plan.MaxInFlight, plan.Seed, _firstOpenUserId);
        _arrivals = new OpenArrival?[plan.MaxInFlight];
        _copyUsers = new VirtualUser?[_timeline.MaxCopies];
        _copyActive = new int[_timeline.MaxCopies];
        _copyPendingSince = new long[_timeline.MaxCopies];
        Array.Fill(_copyPendingSince, long.MaxValue);
        _journeys = journeys;
        _recorder = recorder;
        _onTick = onTick;
        _maxInFlight = plan.MaxInFlight;
        _segment = plan.Segment;
        _wakeup = new Wakeup(timeProvider);
        _ownThread = ReferenceEquals(timeProvider, TimeProvider.System);
    }

    private TimeSpan Elapsed => _timeProvider.GetElapsedTime(_startTimestamp);

    /// <summary>
    /// The id of the open model's first user: 0 in one engine and in segment 0; past the closed model's users (ids from
    /// MaxInFlight) and the pools of the segments before it otherwise, so no two agents draw as the same user.
    /// </summary>
    internal static int FirstOpenUserId(LoadPlan plan, int maxCopies) =>
        plan.Segment is { Index: > 0 } segment ? checked(plan.MaxInFlight + maxCopies + ((segment.Index - 1) * plan.MaxInFlight)) : 0;

    public async Task<LoadRunSummary> RunAsync(TimeSpan drain, CancellationToken cancellationToken, long? startTimestamp = null, CancellationToken stopArrivals = default)
    {
        using var journeyCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var loops = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _journeyToken = journeyCancellation.Token;
        _loops = loops;
        _loopToken = loops.Token;
        _startTimestamp = startTimestamp ?? _timeProvider.GetTimestamp();
        using var wakeup = _wakeup;
        using var cancelWait = cancellationToken.UnsafeRegister(static state => ((LoadRun)state!).WakeScheduler(), this);
        using var stopWait = stopArrivals.UnsafeRegister(static state => ((LoadRun)state!).StopArrivals(), this);
        try
        {
            var loadElapsed = await ScheduleAsync(cancellationToken).ConfigureAwait(false);
            await DrainAsync(drain, journeyCancellation, cancellationToken).ConfigureAwait(false);

            // No tick reaches the caller after the run has returned.
            await _tickDelivery.ConfigureAwait(false);
            var loadSeconds = Volatile.Read(ref _stopRequested) == 1 ? loadElapsed.TotalSeconds : Math.Max(loadElapsed.TotalSeconds, _schedule.Duration.TotalSeconds);
            return new LoadRunSummary(
                Interlocked.Read(ref _scheduled),
                Interlocked.Read(ref _started),
                Interlocked.Read(ref _dropped),
                Elapsed,
                loadSeconds > 0 ? Interlocked.Read(ref _started) / loadSeconds : 0,
                _schedule.MeanRate);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The linked token already cancels the journeys; give them a moment to record how they ended.
            MarkSchedulingDone();
            await WaitDrainedAsync(CancellationGrace, CancellationToken.None).ConfigureAwait(false);
            await _tickDelivery.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    private Task<TimeSpan> ScheduleAsync(CancellationToken cancellationToken)
    {
        _next = 0;
        _nextTime = _schedule.Count > 0 ? _schedule.TimeOf(0) : TimeSpan.Zero;
        _nextTick = TickInterval;
        return _ownThread ? ScheduleOnThreadAsync(cancellationToken) : ScheduleOnClockAsync(cancellationToken);
    }

    /// <summary>The schedule on a clock other than the system's (a fake one in tests): an async loop woken by the clock's timers.</summary>
    private async Task<TimeSpan> ScheduleOnClockAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = Elapsed;
            if (Pass(now) is not { } due)
            {
                return now;
            }

            // A timer cannot wait less than about a millisecond. When the next arrival is due sooner, the end of any journey
            // wakes the loop too: under heavy load journeys end every few microseconds, so arrivals start close to their
            // time and freed slots refill at once instead of idling until the timer fires.
            var wait = due - now;
            await _wakeup.WaitAsync(wait < MinimumWait ? MinimumWait : wait, wakeOnJourneyEnd: wait < MinimumWait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The schedule on the system clock: a thread of its own that sleeps until the next pass is due (coarsely while it is
    /// far, with the kernel's sub-millisecond sleep for the last stretch) and starts every due journey itself, without a
    /// thread-pool hop. The end of a journey also runs a pass when one is due, so a freed slot refills at once.
    /// </summary>
    /// <remarks>
    /// Timers and thread-pool hops were the engine's own lateness: on the 2-core VMs measured here a 1 ms timer fired every
    /// 3-4 ms, and a queued journey waited for a busy pool (p99 schedule lag 4.4 ms at 20,000 arrivals/s; docs/benchmarks.md).
    /// The thread never spins: when nothing is due it sleeps, so an idle schedule costs no CPU.
    /// </remarks>
    private Task<TimeSpan> ScheduleOnThreadAsync(CancellationToken cancellationToken)
    {
        _scheduleToken = cancellationToken;
        var thread = new Thread(static state => ((LoadRun)state!).ScheduleLoop())
        {
            IsBackground = true,
            Name = "Chaos load schedule",
        };
        thread.UnsafeStart(this);
        return _scheduleDone.Task;
    }

    private void ScheduleLoop()
    {
        while (!_scheduleDone.Task.IsCompleted)
        {
            if (!TryPass())
            {
                // A journey's thread is running the pass: let it finish.
                Thread.Yield();
                continue;
            }

            var remaining = TimeSpan.FromTicks(Volatile.Read(ref _nextDueTicks)) - Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                continue;
            }

            if (remaining > CoarseSleepAbove)
            {
                // Far off: a timed wait (whole milliseconds, woken early by cancellation), then the rest below.
                lock (_sleepGate)
                {
                    if (!_scheduleDone.Task.IsCompleted && !_scheduleToken.IsCancellationRequested)
                    {
                        Monitor.Wait(_sleepGate, remaining - TimeSpan.FromMilliseconds(1));
                    }
                }
            }
            else
            {
                // Never shorter than ShortestSleep: at 20,000 arrivals/s a wake-up per arrival cost a fifth of a core, and
                // starting the few due in a quarter millisecond together keeps the lag well under a millisecond.
                HighResolutionSleep.Sleep(remaining < ShortestSleep ? ShortestSleep : remaining);
            }
        }
    }

    /// <summary>Runs one scheduling pass unless another thread is running one; false if one was.</summary>
    private bool TryPass()
    {
        if (Interlocked.CompareExchange(ref _passGate, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            if (_scheduleDone.Task.IsCompleted)
            {
                return true;
            }

            if (_scheduleToken.IsCancellationRequested)
            {
                _scheduleDone.TrySetCanceled(_scheduleToken);
                return true;
            }

            var now = Elapsed;
            if (Pass(now) is { } due)
            {
                Volatile.Write(ref _nextDueTicks, due.Ticks);
            }
            else
            {
                _scheduleDone.TrySetResult(now);
            }
        }
        catch (Exception exception)
        {
            _scheduleDone.TrySetException(exception);
        }
        finally
        {
            Volatile.Write(ref _passGate, 0);
        }

        if (_scheduleDone.Task.IsCompleted)
        {
            WakeScheduler();
        }

        return true;
    }

    /// <summary>Ends the schedule at its next pass (see <c>stopArrivals</c> of <see cref="LoadEngine.RunAsync"/>).</summary>
    private void StopArrivals()
    {
        Volatile.Write(ref _stopRequested, 1);
        WakeScheduler();
    }

    /// <summary>
    /// The earliest intended start of a journey that may still be recorded: one in flight, or a closed-model user's next;
    /// null when there is none. Every journey intended to start before it, and before the pass that asks, is recorded.
    /// </summary>
    private TimeSpan? OldestPending()
    {
        var oldest = long.MaxValue;
        foreach (var arrival in _arrivals)
        {
            if (arrival is not null)
            {
                oldest = Math.Min(oldest, Volatile.Read(ref arrival.PendingSince));
            }
        }

        for (var slot = 0; slot < _copyPendingSince.Length; slot++)
        {
            oldest = Math.Min(oldest, Volatile.Read(ref _copyPendingSince[slot]));
        }

        return oldest == long.MaxValue ? null : TimeSpan.FromTicks(oldest);
    }

    /// <summary>Ends the scheduler's current wait, on either path: the run was cancelled or the schedule ended.</summary>
    private void WakeScheduler()
    {
        _wakeup.Signal();
        if (_ownThread)
        {
            lock (_sleepGate)
            {
                Monitor.PulseAll(_sleepGate);
            }
        }
    }

    /// <summary>
    /// One pass of the schedule at <paramref name="now"/>: releases every arrival due, starts the closed-model copies the
    /// phase wants, ticks. Returns when the next pass is due, or null when the schedule has ended.
    /// </summary>
    private TimeSpan? Pass(TimeSpan now)
    {
        if (Volatile.Read(ref _stopRequested) == 1)
        {
            return null;
        }

        var total = _schedule.Count;

        // Release every arrival already due, late ones included: their latency still counts from their intended time.
        while (_next < total && _nextTime <= now)
        {
            if (_segment is null || _segment.Owns(_next))
            {
                Release(_nextTime);
            }
            else
            {
                // Another agent's arrival: its journey is still drawn, so every arrival keeps its single-engine journey.
                MixAt(_nextTime).Pick(_random);
            }

            _next++;
            if (_next < total)
            {
                _nextTime = _schedule.TimeOf(_next);
            }
        }

        if (_timeline.HasClosedPhases)
        {
            StartCopies(now);
        }

        if (_onTick is not null && now >= _nextTick)
        {
            Tick(now);
            _nextTick = NextTick(_nextTick, now);
        }

        if (_next >= total && now >= _schedule.Duration)
        {
            return null;
        }

        var due = _next < total ? _nextTime : _schedule.Duration;
        if (_onTick is not null && _nextTick < due)
        {
            due = _nextTick;
        }

        // Wake at each phase change (a closed phase starts its copies at once), and often within a closed ramp.
        if (_timeline.HasClosedPhases)
        {
            if (_timeline.NextBoundaryAfter(now) is { } boundary && boundary < due)
            {
                due = boundary;
            }

            var index = _timeline.IndexAt(now);
            if (index >= 0 && _timeline.Phases[index] is { Model: LoadModel.Closed } phase && phase.StartCopies != phase.EndCopies && now + CopiesPoll < due)
            {
                due = now + CopiesPoll;
            }
        }

        return due;
    }

    private async Task DrainAsync(TimeSpan drain, CancellationTokenSource journeyCancellation, CancellationToken cancellationToken)
    {
        MarkSchedulingDone();
        var deadline = Elapsed + drain;
        var nextTick = NextTick(_lastTickAt, Elapsed);
        while (!_drained.Task.IsCompleted)
        {
            var now = Elapsed;
            if (now >= deadline)
            {
                break;
            }

            if (_onTick is not null && now >= nextTick)
            {
                Tick(now);
                nextTick = NextTick(nextTick, now);
            }

            var wait = deadline - now;
            if (_onTick is not null && nextTick - now < wait)
            {
                wait = nextTick - now;
            }

            await WaitDrainedAsync(wait < MinimumWait ? MinimumWait : wait, cancellationToken).ConfigureAwait(false);
        }

        if (!_drained.Task.IsCompleted)
        {
            // Journeys that outlive the drain are cut short and recorded as timeouts.
            await journeyCancellation.CancelAsync().ConfigureAwait(false);
            await WaitDrainedAsync(CancellationGrace, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task WaitDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _drained.Task.WaitAsync(timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The caller decides what a timeout means.
        }
    }

    private void MarkSchedulingDone()
    {
        // A full fence on both sides (here and in Complete) so that the last journey and this line cannot both miss zero.
        Interlocked.Exchange(ref _schedulingDone, 1);

        // Virtual users thinking between journeys stop now; those in a journey finish it (the drain waits for them).
        _loops?.Cancel();
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
    }

    private void Release(TimeSpan intendedStart)
    {
        var journey = MixAt(intendedStart).Pick(_random);
        Interlocked.Increment(ref _scheduled);

        // Only this loop increments the open count, so what it reads is an upper bound and the bound is never exceeded.
        if (Volatile.Read(ref _openInFlight) >= _maxInFlight)
        {
            Interlocked.Increment(ref _dropped);
            _recorder.RecordDropped(journey, intendedStart);
            return;
        }

        Interlocked.Increment(ref _openInFlight);
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _started);

        // Fewer than MaxInFlight open journeys are in flight and each returns its user before it leaves the count, so the
        // pool always has a user or room to create one.
        var user = _pool.Rent();

        // Each open user has one reusable work item (a user runs one journey at a time): no allocation per arrival.
        var arrival = _arrivals[user.Id - _firstOpenUserId] ??= new OpenArrival(this, user);
        arrival.Journey = journey;
        arrival.IntendedStart = intendedStart;
        Volatile.Write(ref arrival.PendingSince, intendedStart.Ticks);

        if (_ownThread && _slowInlineStarts < SlowInlineStartsAllowed)
        {
            // Started here, without a hop: on the schedule's own thread, or on the thread of the journey that just ended (as a
            // closed-model user runs its next journey). The synchronous part of a journey (an HTTP request's send) is short;
            // a journey runner that blocks instead would hold the schedule, so after a few such starts the run queues its
            // journeys to the thread pool as on other clocks.
            var before = _timeProvider.GetTimestamp();
            arrival.Execute();
            if (_timeProvider.GetElapsedTime(before) > SlowInlineStart)
            {
                _slowInlineStarts++;
            }

            return;
        }

        // Off the scheduling loop, so that the synchronous part of a journey never delays the next arrivals. Local: when the
        // loop runs on the thread of a journey that just ended, that warm thread picks the new one up next (others steal).
        ThreadPool.UnsafeQueueUserWorkItem(arrival, preferLocal: true);
    }

    private JourneyMix MixAt(TimeSpan time)
    {
        var index = _timeline.IndexAt(time);
        return _mixes[index >= 0 ? index : _mixes.Length - 1];
    }

    private void ArrivalDone(VirtualUser user)
    {
        _pool.Return(user);
        Interlocked.Decrement(ref _openInFlight);
        JourneyDone();
    }

    /// <summary>Starts the virtual users the closed-model phase wants now and that are not running yet.</summary>
    private void StartCopies(TimeSpan now)
    {
        var copies = _timeline.CopiesAt(now);
        for (var slot = 0; slot < copies; slot++)
        {
            if (_segment is not null && !_segment.Owns(slot))
            {
                continue;
            }

            if (Volatile.Read(ref _copyActive[slot]) == 0 && Interlocked.CompareExchange(ref _copyActive[slot], 1, 0) == 0)
            {
                var user = _copyUsers[slot] ??= new VirtualUser(_maxInFlight + slot, _seed);
                Volatile.Write(ref _copyPendingSince[slot], now.Ticks);
                ThreadPool.UnsafeQueueUserWorkItem(static copy => _ = copy.Run.RunCopyAsync(copy.Slot, copy.User, copy.Due),
                    new Copy(this, slot, user, now), preferLocal: false);
            }
        }
    }

    /// <summary>
    /// One virtual user of the closed model: it loops journeys while the phase wants more than <paramref name="slot"/>
    /// copies, with a think time between them. Each iteration's latency counts from when the user was due: the end of its
    /// previous journey plus its think time (or when the phase started it).
    /// </summary>
    private async Task RunCopyAsync(int slot, VirtualUser user, TimeSpan due)
    {
        try
        {
            while (!_loopToken.IsCancellationRequested)
            {
                var now = Elapsed;
                var phase = _timeline.IndexAt(now);
                if (phase < 0 || _timeline.CopiesAt(now) <= slot)
                {
                    break;
                }

                // Counted before the check, as in MarkSchedulingDone the other way round, so the drain never misses it.
                Interlocked.Increment(ref _inFlight);
                if (Volatile.Read(ref _schedulingDone) == 1)
                {
                    JourneyDone();
                    break;
                }

                var journey = _mixes[phase].Pick(user.Random);
                Interlocked.Increment(ref _scheduled);
                Interlocked.Increment(ref _started);
                bool synchronous;
                try
                {
                    var run = RunAndRecordAsync(journey, user, due);
                    synchronous = run.IsCompleted;
                    await run.ConfigureAwait(false);
                }
                finally
                {
                    JourneyDone();
                }

                var think = ThinkTimeFor(user);
                due = Elapsed + think;
                Volatile.Write(ref _copyPendingSince[slot], due.Ticks);
                if (think > TimeSpan.Zero)
                {
                    await Task.Delay(think, _timeProvider, _loopToken).ConfigureAwait(false);
                }
                else if (synchronous)
                {
                    // A journey that completes at once must not hold this thread for the whole phase.
                    await Task.Yield();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The scheduling ended (or the run was cancelled) while the user was thinking.
        }
        finally
        {
            Volatile.Write(ref _copyPendingSince[slot], long.MaxValue);
            Volatile.Write(ref _copyActive[slot], 0);
        }
    }

    private TimeSpan ThinkTimeFor(VirtualUser user)
    {
        if (_thinkTime is not { } think)
        {
            return TimeSpan.Zero;
        }

        return think.Max > think.Min
            ? think.Min + TimeSpan.FromTicks((long)(user.Random.NextDouble() * (think.Max - think.Min).Ticks))
            : think.Min;
    }

    // Pooled: a closed-model user awaits one of these per iteration; without pooling each asynchronous journey would
    // allocate its state machine here. (An open arrival completes through its reusable OpenArrival instead.)
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunAndRecordAsync(string journey, VirtualUser user, TimeSpan intendedStart)
    {
        var lag = Elapsed - intendedStart;
        JourneyResult result;
        try
        {
            result = await _journeys.RunAsync(journey, user, _journeyToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            result = Classify(exception);
        }

        RecordJourney(journey, intendedStart, lag, result);
    }

    private void RecordJourney(string journey, TimeSpan intendedStart, TimeSpan lag, JourneyResult result)
    {
        _recorder.Record(journey, intendedStart, Elapsed - intendedStart, result, lag);
        Interlocked.Increment(ref _completed);
        if (result.Outcome == OutcomeKind.Success)
        {
            Interlocked.Increment(ref _succeeded);
        }
    }

    private void JourneyDone()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _schedulingDone) == 1)
        {
            _drained.TrySetResult();
        }

        if (!_ownThread)
        {
            _wakeup.JourneyEnded();
        }
        else if (Elapsed.Ticks >= Volatile.Read(ref _nextDueTicks) && !_scheduleDone.Task.IsCompleted)
        {
            // Something is due (under load, an arrival every few microseconds): this thread runs the pass rather than leave
            // the freed slot idle until the schedule's thread wakes.
            TryPass();
        }
    }

    private JourneyResult Classify(Exception exception)
    {
        var detail = $"{exception.GetType().Name}: {exception.Message}";
        return exception switch
        {
            OperationCanceledException when _journeyToken.IsCancellationRequested =>
                new JourneyResult(OutcomeKind.Timeout, 0, "cancelled: the run ended before the journey completed"),
            OperationCanceledException or TimeoutException => new JourneyResult(OutcomeKind.Timeout, 0, detail),
            HttpRequestException { StatusCode: { } status } => new JourneyResult(OutcomeKind.HttpError, (int)status, detail),
            HttpRequestException or SocketException or IOException => new JourneyResult(OutcomeKind.ConnectionError, 0, detail),
            _ => new JourneyResult(OutcomeKind.HttpError, 0, "journey threw " + detail),
        };
    }

    /// <summary>
    /// Reports the run about once a second. On the system clock the latency summary and the caller's callback (a console
    /// that renders, a pipe that can block) run on the thread pool, never on the schedule's thread: run there, they
    /// started every journey due meanwhile late (a run's whole-history summary, growing each second, made a 25/s load
    /// start journeys up to 150 ms late after a minute). A tick due while the last one is still being delivered is
    /// skipped: a slow view shows fewer frames rather than the load starting late. On any other clock (a fake one in
    /// tests) the tick is delivered in place, in step with the clock.
    /// </summary>
    private void Tick(TimeSpan now)
    {
        var started = Interlocked.Read(ref _started);
        var interval = (now - _lastTickAt).TotalSeconds;
        var achieved = interval > 0 ? (started - _lastTickStarted) / interval : 0;
        _lastTickAt = now;
        _lastTickStarted = started;
        if (!_tickDelivery.IsCompleted)
        {
            return;
        }

        var tick = new LoadTick(
            now,
            _timeline.IndexAt(now) is var index and >= 0 ? _timeline.Phases[index].Name : "drain",
            _schedule.RateAt(now),
            achieved,
            Volatile.Read(ref _inFlight),
            Interlocked.Read(ref _completed),
            Interlocked.Read(ref _succeeded),
            double.NaN)
        {
            TargetCopies = _timeline.CopiesAt(now),
            OldestPending = OldestPending(),
        };
        if (_ownThread)
        {
            _tickDelivery = Task.Run(() => DeliverTick(tick));
        }
        else
        {
            DeliverTick(tick);
        }
    }

    private void DeliverTick(LoadTick tick)
    {
        var latency = _recorder.Summarize(null, tick.Elapsed - TickLatencyWindow, tick.Elapsed);
        _onTick!(tick with { P99Seconds = latency.P99Seconds });
    }

    private static TimeSpan NextTick(TimeSpan previous, TimeSpan now)
    {
        var next = previous + TickInterval;
        return next > now ? next : now + TickInterval;
    }

    /// <summary>
    /// One open-model user's journey, reused for each arrival that borrows the user: it runs the journey, records it and,
    /// when it completes asynchronously, finishes from a cached continuation. No allocation per arrival (a thread-pool work
    /// item when the schedule runs on a fake clock).
    /// </summary>
    private sealed class OpenArrival : IThreadPoolWorkItem
    {
        private readonly LoadRun _run;
        private readonly VirtualUser _user;
        private readonly Action _onCompleted;
        private ValueTaskAwaiter<JourneyResult> _awaiter;
        private TimeSpan _lag;

        public OpenArrival(LoadRun run, VirtualUser user)
        {
            _run = run;
            _user = user;
            _onCompleted = OnCompleted;
        }

        public string Journey { get; set; } = "";

        public TimeSpan IntendedStart { get; set; }

        /// <summary>The intended start (ticks) of the journey in flight, until it is recorded; MaxValue otherwise.</summary>
        public long PendingSince = long.MaxValue;

        public void Execute()
        {
            _lag = _run.Elapsed - IntendedStart;
            ValueTaskAwaiter<JourneyResult> awaiter;
            try
            {
                awaiter = _run._journeys.RunAsync(Journey, _user, _run._journeyToken).GetAwaiter();
            }
            catch (Exception exception)
            {
                Complete(_run.Classify(exception));
                return;
            }

            _awaiter = awaiter;
            if (awaiter.IsCompleted)
            {
                OnCompleted();
                return;
            }

            awaiter.UnsafeOnCompleted(_onCompleted);
        }

        private void OnCompleted()
        {
            var awaiter = _awaiter;
            _awaiter = default;
            JourneyResult result;
            try
            {
                result = awaiter.GetResult();
            }
            catch (Exception exception)
            {
                result = _run.Classify(exception);
            }

            Complete(result);
        }

        private void Complete(JourneyResult result)
        {
            try
            {
                _run.RecordJourney(Journey, IntendedStart, _lag, result);
            }
            catch (Exception)
            {
                // Only a bug of the recorder lands here, and it must not leave the user borrowed and the drain waiting.
            }
            finally
            {
                Volatile.Write(ref PendingSince, long.MaxValue);
                _run.ArrivalDone(_user);
            }
        }
    }

    private readonly record struct Copy(LoadRun Run, int Slot, VirtualUser User, TimeSpan Due);

    /// <summary>
    /// The scheduling loop's one reusable wait: it ends when its timer fires, when the run is cancelled or, if asked, when a
    /// journey ends. No allocation per wait, unlike a <c>Task.Delay</c> per pass.
    /// </summary>
    /// <remarks>
    /// The timer is re-armed with <see cref="ITimer.Change"/> while it has not fired; once it has, it is replaced, because a
    /// one-shot timer may still be finishing its callback (and, with a fake clock, disarming itself) when the loop re-arms it.
    /// </remarks>
    private sealed class Wakeup : IValueTaskSource, IDisposable
    {
        private const int Idle = 0;
        private const int OnTimer = 1;
        private const int OnTimerOrJourneyEnd = 2;

        private readonly TimeProvider _timeProvider;

        // The loop resumes on the thread that woke it, as after a Task.Delay: within the timer callback (so a fake clock's
        // Advance runs the loop's next pass before it returns) or on the thread of the journey that ended.
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = false };
        private ITimer _timer;
        private int _state;
        private int _timerFired;

        // When the armed timer fires (a timestamp of the clock), or long.MaxValue when it is not armed. Only the loop reads
        // and writes it.
        private long _armedFor = long.MaxValue;

        public Wakeup(TimeProvider timeProvider)
        {
            _timeProvider = timeProvider;
            _timer = CreateTimer();
        }

        /// <summary>Waits up to <paramref name="timeout"/>, or until a journey ends if <paramref name="wakeOnJourneyEnd"/>.</summary>
        public ValueTask WaitAsync(TimeSpan timeout, bool wakeOnJourneyEnd, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _timerFired, 0) == 1)
            {
                _timer.Dispose();
                _timer = CreateTimer();
                _armedFor = long.MaxValue;
            }

            _core.Reset();
            Interlocked.Exchange(ref _state, wakeOnJourneyEnd ? OnTimerOrJourneyEnd : OnTimer);

            // A cancellation or a late firing of the timer between the loop's checks and the exchange above missed the
            // armed state: check again after it. An early wake-up is harmless; the loop re-reads the clock.
            if (cancellationToken.IsCancellationRequested || Volatile.Read(ref _timerFired) == 1)
            {
                Signal();
            }
            else
            {
                // Re-arming costs a lock and often a wake-up of the timer thread: under saturation the loop waits a
                // millisecond after every journey's end. A timer already armed to fire by then stays as it is; firing early
                // is harmless.
                var due = _timeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * _timeProvider.TimestampFrequency);
                if (_armedFor > due)
                {
                    _timer.Change(timeout, Timeout.InfiniteTimeSpan);
                    _armedFor = due;
                }
            }

            return new ValueTask(this, _core.Version);
        }

        /// <summary>Ends the current wait, whatever it waits for.</summary>
        public void Signal()
        {
            if (Interlocked.Exchange(ref _state, Idle) != Idle)
            {
                _core.SetResult(true);
            }
        }

        /// <summary>Ends the current wait if it waits for the end of a journey; one read otherwise.</summary>
        public void JourneyEnded()
        {
            if (Volatile.Read(ref _state) == OnTimerOrJourneyEnd && Interlocked.CompareExchange(ref _state, Idle, OnTimerOrJourneyEnd) == OnTimerOrJourneyEnd)
            {
                _core.SetResult(true);
            }
        }

        public void Dispose() => _timer.Dispose();

        private ITimer CreateTimer() => _timeProvider.CreateTimer(
            static state =>
            {
                var wakeup = (Wakeup)state!;
                Volatile.Write(ref wakeup._timerFired, 1);
                wakeup.Signal();
            },
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);

        void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
