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

            // A timer cannot wait less than about a millisecond. When the next arrival is due sooner, the end of any journey
            // wakes the loop too: under heavy load journeys end every few microseconds, so arrivals start close to their
            // time and freed slots refill at once instead of idling until the timer fires.
            var wait = due - now;
            await _wakeup.WaitAsync(wait < MinimumWait ? MinimumWait : wait, wakeOnJourneyEnd: wait < MinimumWait, cancellationToken).ConfigureAwait(false);
        }
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

        // Off the scheduling loop, so that the synchronous part of a journey never delays the next arrivals. Local: when the
        // loop runs on the thread of a journey that just ended, that warm thread picks the new one up next (others steal).
        ThreadPool.UnsafeQueueUserWorkItem(static arrival => _ = arrival.Run.RunJourneyAsync(arrival.Journey, arrival.IntendedStart),
            new Arrival(this, journey, intendedStart), preferLocal: true);
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
            if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _schedulingDone) == 1)
            {
                _drained.TrySetResult();
            }

            _wakeup.JourneyEnded();
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
