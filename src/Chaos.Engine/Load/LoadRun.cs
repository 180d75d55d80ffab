using System.Net.Sockets;
using System.Threading.Tasks.Sources;
using Chaos.Engine.Metrics;

namespace Chaos.Engine.Load;

/// <summary>The state of one run of the <see cref="LoadEngine"/>.</summary>
internal sealed class LoadRun
{
    // Waits shorter than this would spin: arrivals due sooner are released together on the next pass.
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TickLatencyWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CancellationGrace = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _timeProvider;
    private readonly ArrivalSchedule _schedule;
    private readonly JourneyMix _mix;
    private readonly Random _random;
    private readonly IJourneyRunner _journeys;
    private readonly RunRecorder _recorder;
    private readonly Action<LoadTick>? _onTick;
    private readonly int _maxInFlight;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Wakeup _wakeup;

    private CancellationToken _journeyToken;
    private long _startTimestamp;
    private int _inFlight;
    private int _schedulingDone;
    private long _scheduled;
    private long _started;
    private long _dropped;
    private long _completed;
    private long _succeeded;
    private TimeSpan _lastTickAt;
    private long _lastTickStarted;

    public LoadRun(TimeProvider timeProvider, LoadPlan plan, IJourneyRunner journeys, RunRecorder recorder, Action<LoadTick>? onTick)
    {
        _timeProvider = timeProvider;
        _schedule = new ArrivalSchedule(plan.Phases);
        _mix = new JourneyMix(plan.JourneyWeights);
        _random = new Random(plan.Seed);
        _journeys = journeys;
        _recorder = recorder;
        _onTick = onTick;
        _maxInFlight = plan.MaxInFlight;
        _wakeup = new Wakeup(timeProvider);
    }

    private TimeSpan Elapsed => _timeProvider.GetElapsedTime(_startTimestamp);

    public async Task<LoadRunSummary> RunAsync(TimeSpan drain, CancellationToken cancellationToken)
    {
        using var journeyCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _journeyToken = journeyCancellation.Token;
        _startTimestamp = _timeProvider.GetTimestamp();
        using var wakeup = _wakeup;
        using var cancelWait = cancellationToken.UnsafeRegister(static state => ((Wakeup)state!).Signal(), _wakeup);
        try
        {
            var loadElapsed = await ScheduleAsync(cancellationToken).ConfigureAwait(false);
            await DrainAsync(drain, journeyCancellation, cancellationToken).ConfigureAwait(false);
            var loadSeconds = Math.Max(loadElapsed.TotalSeconds, _schedule.Duration.TotalSeconds);
            return new LoadRunSummary(
                _scheduled,
                _started,
                _dropped,
                Elapsed,
                loadSeconds > 0 ? _started / loadSeconds : 0,
                _schedule.MeanRate);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The linked token already cancels the journeys; give them a moment to record how they ended.
            MarkSchedulingDone();
            await WaitDrainedAsync(CancellationGrace, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<TimeSpan> ScheduleAsync(CancellationToken cancellationToken)
    {
        var total = _schedule.Count;
        long next = 0;
        var nextTime = total > 0 ? _schedule.TimeOf(0) : TimeSpan.Zero;
        var nextTick = TickInterval;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = Elapsed;

            // Release every arrival already due, late ones included: their latency still counts from their intended time.
            while (next < total && nextTime <= now)
            {
                Release(nextTime);
                next++;
                if (next < total)
                {
                    nextTime = _schedule.TimeOf(next);
                }
            }

            if (_onTick is not null && now >= nextTick)
            {
                Tick(now);
                nextTick = NextTick(nextTick, now);
            }

            if (next >= total && now >= _schedule.Duration)
            {
                return now;
            }

            var due = next < total ? nextTime : _schedule.Duration;
            if (_onTick is not null && nextTick < due)
            {
                due = nextTick;
            }

            // At the in-flight bound the next arrival can only start once a journey ends: wake on that too, so a saturated
            // run refills its slots at once instead of on the next timer tick (a timer cannot wait less than a millisecond).
            var wait = due - now;
            await _wakeup.WaitAsync(wait < MinimumWait ? MinimumWait : wait, this, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gets whether the scheduling loop has to wait for a slot: the in-flight bound is reached.</summary>
    private bool IsFull => Volatile.Read(ref _inFlight) >= _maxInFlight;

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
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
    }

    private void Release(TimeSpan intendedStart)
    {
        var journey = _mix.Pick(_random);
        _scheduled++;

        // Only this loop increments the count, so what it reads is an upper bound and the bound is never exceeded.
        if (Volatile.Read(ref _inFlight) >= _maxInFlight)
        {
            _dropped++;
            _recorder.RecordDropped(journey, intendedStart);
            return;
        }

        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _started);

        // Off the scheduling loop, so that the synchronous part of a journey never delays the next arrivals.
        ThreadPool.UnsafeQueueUserWorkItem(static arrival => _ = arrival.Run.RunJourneyAsync(arrival.Journey, arrival.IntendedStart),
            new Arrival(this, journey, intendedStart), preferLocal: false);
    }

    private async Task RunJourneyAsync(string journey, TimeSpan intendedStart)
    {
        try
        {
            JourneyResult result;
            try
            {
                result = await _journeys.RunAsync(journey, _journeyToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                result = Classify(exception);
            }

            _recorder.Record(journey, intendedStart, Elapsed - intendedStart, result);
            Interlocked.Increment(ref _completed);
            if (result.Outcome == OutcomeKind.Success)
            {
                Interlocked.Increment(ref _succeeded);
            }
        }
        finally
        {
            // Interlocked: a full fence before the wake-up reads whether the loop waits for a slot (see Wakeup).
            if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _schedulingDone) == 1)
            {
                _drained.TrySetResult();
            }

            _wakeup.SlotFreed();
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

    private void Tick(TimeSpan now)
    {
        var started = Interlocked.Read(ref _started);
        var interval = (now - _lastTickAt).TotalSeconds;
        var achieved = interval > 0 ? (started - _lastTickStarted) / interval : 0;
        _lastTickAt = now;
        _lastTickStarted = started;
        var latency = _recorder.Summarize(null, now - TickLatencyWindow, now);
        _onTick!(new LoadTick(
            now,
            _schedule.PhaseAt(now) ?? "drain",
            _schedule.RateAt(now),
            achieved,
            Volatile.Read(ref _inFlight),
            Interlocked.Read(ref _completed),
            Interlocked.Read(ref _succeeded),
            latency.P99Seconds));
    }

    private static TimeSpan NextTick(TimeSpan previous, TimeSpan now)
    {
        var next = previous + TickInterval;
        return next > now ? next : now + TickInterval;
    }

    private readonly record struct Arrival(LoadRun Run, string Journey, TimeSpan IntendedStart);

    /// <summary>
    /// The scheduling loop's one reusable wait: it ends when its timer fires, when the run is cancelled or, if it began at
    /// the in-flight bound, when a journey frees a slot. No allocation per wait, unlike a <c>Task.Delay</c> per pass.
    /// </summary>
    private sealed class Wakeup : IValueTaskSource, IDisposable
    {
        private const int Idle = 0;
        private const int OnTimer = 1;
        private const int OnTimerOrSlot = 2;

        private readonly ITimer _timer;
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
        private int _state;

        public Wakeup(TimeProvider timeProvider)
        {
            _timer = timeProvider.CreateTimer(static state => ((Wakeup)state!).Signal(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Waits up to <paramref name="timeout"/>, or until a slot frees if <paramref name="run"/> is at its bound.</summary>
        public ValueTask WaitAsync(TimeSpan timeout, LoadRun run, CancellationToken cancellationToken)
        {
            _core.Reset();
            var waitForSlot = run.IsFull;
            Interlocked.Exchange(ref _state, waitForSlot ? OnTimerOrSlot : OnTimer);

            // A journey may have ended, or the run been cancelled, between the loop's checks and the exchange above, and
            // so missed the armed state: check again after it. A stale firing of the timer can only cut a later wait
            // short, which the loop tolerates.
            if (cancellationToken.IsCancellationRequested)
            {
                Signal();
            }
            else if (waitForSlot && !run.IsFull)
            {
                SlotFreed();
            }
            else
            {
                _timer.Change(timeout, Timeout.InfiniteTimeSpan);
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

        /// <summary>Ends the current wait if it waits for a slot; cheap (one read) otherwise.</summary>
        public void SlotFreed()
        {
            if (Volatile.Read(ref _state) == OnTimerOrSlot && Interlocked.CompareExchange(ref _state, Idle, OnTimerOrSlot) == OnTimerOrSlot)
            {
                _core.SetResult(true);
            }
        }

        public void Dispose() => _timer.Dispose();

        void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
