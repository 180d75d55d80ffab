using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>
/// Stops a run that has already failed its contract (<c>chaos run --fail-fast</c>, as k6's <c>abortOnFail</c>): about once
/// a second it judges each expectation whose data is complete (its phase has ended, every journey intended to start in
/// it is recorded, and a circuit had its whole bound to open) exactly as the final judgment will, and the first that
/// failed ends the run. An expectation that passed or could not be measured yet never stops it: it is judged again at
/// the end, with the rest. <c>fallbacks</c> (the target's ledgers, still being written) and <c>drainTime</c> are judged
/// at the end only.
/// </summary>
internal sealed class FailFastWatch
{
    /// <summary>How long after its data is complete an expectation is judged: the observers and journals catch up.</summary>
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyDictionary<string, PhaseWindow> _phases;
    private readonly List<Expectation> _pending;
    private LoadTick? _latest;

    /// <param name="expectations">The scenario's expectations.</param>
    /// <param name="phases">The run's judging phases.</param>
    public FailFastWatch(IEnumerable<Expectation> expectations, IReadOnlyList<PhaseWindow> phases)
    {
        _phases = phases.ToDictionary(p => p.Name, StringComparer.Ordinal);
        // fallbacks reads the target's ledgers, which the journeys are still writing: judged at the end only.
        _pending = [.. expectations.Where(e => _phases.ContainsKey(e.Phase) && DecidableAt(e) is not null && e.Metric != ExpectationMetric.Fallbacks)];
    }

    /// <summary>Takes the load's latest tick (from any thread): how far the run is, and which journeys are still to be recorded.</summary>
    public void Observe(LoadTick tick) => Volatile.Write(ref _latest, tick);

    /// <summary>
    /// When an expectation's data is complete, as an offset from the start of the load, or null when it is only known at
    /// the end of the run (<c>drainTime</c>): the end of its phase, and for <c>timeToCircuitOpen</c> and
    /// <c>timeToRecover</c> not before the phase's start or end plus the bound, since a circuit may open or close up to
    /// then and still pass.
    /// </summary>
    public TimeSpan? DecidableAt(Expectation expectation)
    {
        var phase = _phases[expectation.Phase];
        var bound = TimeSpan.FromSeconds(expectation.AtMost ?? 0);
        return expectation.Metric switch
        {
            ExpectationMetric.DrainTime => null,
            ExpectationMetric.TimeToCircuitOpen => Max(phase.To, phase.From + bound) + Grace,
            ExpectationMetric.TimeToRecover => phase.To + bound + Grace,
            _ => phase.To + Grace,
        };
    }

    /// <summary>
    /// Takes the expectations that can be judged now: their data is complete by <paramref name="tick"/>'s time, and no
    /// journey intended to start in their phase is still to be recorded.
    /// </summary>
    public IReadOnlyList<Expectation> TakeDue(LoadTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var due = _pending.Where(e => DecidableAt(e) <= tick.Elapsed && (tick.OldestPending is not { } oldest || oldest >= _phases[e.Phase].To)).ToList();
        _pending.RemoveAll(due.Contains);
        return due;
    }

    /// <summary>
    /// Judges what is due once a second until an expectation has failed, and returns it with the load's offset then; null
    /// when cancelled first (the run ended).
    /// </summary>
    /// <param name="judge">Judges expectations on what the run recorded so far.</param>
    /// <param name="time">The run's clock.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    public async Task<EarlyStop?> WatchAsync(
        Func<IReadOnlyList<Expectation>, CancellationToken, Task<IReadOnlyList<ExpectationResult>>> judge, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(judge);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (_pending.Count > 0 && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (Volatile.Read(ref _latest) is not { } tick || TakeDue(tick) is not { Count: > 0 } due)
                {
                    continue;
                }

                var results = await judge(due, cancellationToken).ConfigureAwait(false);
                if (results.FirstOrDefault(r => r is { Measured: true, Passed: false }) is { } failed)
                {
                    return new EarlyStop(tick.Elapsed, failed);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended first.
        }

        return null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
