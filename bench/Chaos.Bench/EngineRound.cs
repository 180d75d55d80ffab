using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Scenarios;

namespace Chaos.Bench;

/// <summary>One run of the real engine path (LoadEngine + RunRecorder + a one-GET journey) at a constant arrival rate.</summary>
internal static class EngineRound
{
    /// <summary>An open model: <paramref name="rate"/> arrivals per second, at most <paramref name="maxInFlight"/> in flight.</summary>
    public static Task<EngineResult> RunAsync(IJourneyRunner journey, double rate, int seconds, int maxInFlight, CancellationToken cancellationToken) =>
        RunPlanAsync(journey, new LoadPhase("bench", TimeSpan.FromSeconds(seconds), rate, rate), seconds, maxInFlight, cancellationToken);

    /// <summary>A closed model like wrk's: <paramref name="copies"/> virtual users, each looping the journey with no think time.</summary>
    public static Task<EngineResult> RunClosedAsync(IJourneyRunner journey, int copies, int seconds, CancellationToken cancellationToken) =>
        RunPlanAsync(journey, LoadPhase.Closed("bench", TimeSpan.FromSeconds(seconds), copies, copies), seconds, copies, cancellationToken);

    private static async Task<EngineResult> RunPlanAsync(IJourneyRunner journey, LoadPhase phase, int seconds, int maxInFlight, CancellationToken cancellationToken)
    {
        var plan = new LoadPlan([phase], new Dictionary<string, int> { [SingleGetJourney.Name] = 1 }, maxInFlight, Seed: 1);
        var recorder = new RunRecorder([SingleGetJourney.Name]);
        var engine = new LoadEngine(TimeProvider.System);

        await using var memory = PeakMemory.Start();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gen0Before = GC.CollectionCount(0);
        var summary = await engine.RunAsync(plan, journey, recorder, cancellationToken, drainInFlight: TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var (peakBytes, peakSource) = await memory.StopAsync().ConfigureAwait(false);

        var window = recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(seconds + 1));
        var dropped = window.ByOutcome[OutcomeKind.Dropped];
        var completed = window.Count - dropped;
        var elapsed = summary.Elapsed.TotalSeconds;
        return new EngineResult(
            completed / elapsed,
            completed,
            window.Succeeded,
            dropped,
            summary.AchievedRate,
            window.P50Seconds,
            window.P99Seconds,
            peakBytes,
            peakSource,
            cpu.TotalSeconds / elapsed)
        {
            AllocatedBytesPerJourney = completed > 0 ? allocated / (double)completed : 0,
            Gen0Collections = gen0,
            LagP99Seconds = window.LagP99Seconds,
            LagMaxSeconds = window.LagMaxSeconds,
        };
    }
}

/// <summary>What one engine run measured.</summary>
/// <param name="CompletedPerSecond">Journeys that completed (any outcome but dropped) per second of the run, drain included.</param>
/// <param name="Completed">Journeys that completed.</param>
/// <param name="Succeeded">Journeys that succeeded.</param>
/// <param name="Dropped">Arrivals dropped at the in-flight bound.</param>
/// <param name="AchievedRate">Journeys started per second over the load phase, as the engine reports it.</param>
/// <param name="P50Seconds">Median latency from the intended start.</param>
/// <param name="P99Seconds">99th percentile latency from the intended start.</param>
/// <param name="PeakBytes">The process's peak resident set during the run.</param>
/// <param name="PeakSource">Where the peak came from (VmHWM or sampled).</param>
/// <param name="CpuCores">Process CPU time per second of the run (client and server together), in cores.</param>
internal sealed record EngineResult(
    double CompletedPerSecond,
    long Completed,
    long Succeeded,
    long Dropped,
    double AchievedRate,
    double P50Seconds,
    double P99Seconds,
    long PeakBytes,
    string PeakSource,
    double CpuCores)
{
    /// <summary>Gets the bytes the process allocated per completed journey (engine, client and, in the bench, Kestrel).</summary>
    public double AllocatedBytesPerJourney { get; init; }

    /// <summary>Gets the 99th percentile of the engine's schedule lag (how late it started journeys against their intended start).</summary>
    public double LagP99Seconds { get; init; }

    /// <summary>Gets the largest schedule lag of the run.</summary>
    public double LagMaxSeconds { get; init; }

    /// <summary>Gets the generation-0 collections during the run.</summary>
    public int Gen0Collections { get; init; }
}
