using System.Diagnostics;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Scenarios;

namespace Chaos.Bench;

/// <summary>
/// The engine's pacing on the wall clock: an open model at a fixed rate against the fast endpoint, counting when each
/// journey really started. Moved here from the scenario suite (it was a benchmark there: its 1% bound measured the
/// machine as much as the engine); the logic it rests on is tested on a fake clock in tests/Chaos.Engine.Tests/Load.
/// </summary>
internal static class PacingRound
{
    /// <summary>Runs <paramref name="rate"/> arrivals per second for <paramref name="seconds"/> with room for 2,000 in flight.</summary>
    public static async Task<PacingResult> RunAsync(IJourneyRunner journey, double rate, int seconds, CancellationToken cancellationToken)
    {
        const int MaxInFlight = 2_000;
        var counting = new CountingJourney(journey, seconds);
        var plan = new LoadPlan([new LoadPhase("pacing", TimeSpan.FromSeconds(seconds), rate, rate)], new Dictionary<string, int> { [SingleGetJourney.Name] = 1 }, MaxInFlight, Seed: 42);
        var recorder = new RunRecorder([SingleGetJourney.Name]);

        counting.Clock.Start();
        var summary = await new LoadEngine(TimeProvider.System)
            .RunAsync(plan, counting, recorder, cancellationToken, drainInFlight: TimeSpan.FromSeconds(10))
            .ConfigureAwait(false);

        var planned = (long)Math.Round(rate * seconds);
        return new PacingResult(rate, planned, summary.Started, summary.Dropped, summary.AchievedRate, counting.StartedBefore(TimeSpan.FromSeconds(seconds + 0.1)));
    }

    /// <summary>Counts the journeys the engine starts, per tenth of a second on <see cref="Clock"/>.</summary>
    private sealed class CountingJourney(IJourneyRunner inner, int seconds) : IJourneyRunner
    {
        private readonly long[] _startsPerTenth = new long[(seconds + 30) * 10];

        public Stopwatch Clock { get; } = new();

        public long StartedBefore(TimeSpan time) =>
            _startsPerTenth.Take((int)Math.Min(_startsPerTenth.Length, Math.Round(time.TotalSeconds * 10))).Sum();

        public ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
        {
            var tenth = (int)Math.Min(_startsPerTenth.Length - 1, Clock.Elapsed.Ticks / (TimeSpan.TicksPerSecond / 10));
            Interlocked.Increment(ref _startsPerTenth[tenth]);
            return inner.RunAsync(journey, user, cancellationToken);
        }
    }
}

/// <summary>What one pacing run measured.</summary>
/// <param name="Rate">The planned arrivals per second.</param>
/// <param name="Planned">The arrivals planned over the run.</param>
/// <param name="Started">The arrivals that started a journey.</param>
/// <param name="Dropped">The arrivals dropped at the in-flight bound.</param>
/// <param name="AchievedRate">Journeys started per second over the run, as the engine reports it.</param>
/// <param name="StartedOnTime">Journeys that had started on the wall clock by 0.1 s after the run's planned end.</param>
internal sealed record PacingResult(double Rate, long Planned, long Started, long Dropped, double AchievedRate, long StartedOnTime)
{
    /// <summary>Gets whether the engine kept the plan within 1%: started, achieved rate, and started by the planned end + 0.1 s.</summary>
    public bool WithinOnePercent =>
        Started >= Planned * 0.99 && Math.Abs(AchievedRate - Rate) <= Rate * 0.01 && StartedOnTime >= Planned * 0.99;
}
