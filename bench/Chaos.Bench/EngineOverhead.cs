using Chaos.Engine.Load;

namespace Chaos.Bench;

/// <summary>
/// The engine's own cost per journey, without HTTP: a journey that only yields the thread once (so it completes
/// asynchronously, like a real one). CPU and bytes allocated per journey show what LoadRun and RunRecorder add.
/// </summary>
internal static class EngineOverhead
{
    public static async Task RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var journey = new YieldJourney();
        Console.WriteLine($"engine only (in-memory journey that yields once), {options.Connections} copies / in flight, {options.Rounds} rounds x {options.Seconds} s, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        await EngineRound.RunClosedAsync(journey, options.Connections, 3, cancellationToken);
        await EngineRound.RunAsync(journey, options.SaturationRate, 2, options.Connections, cancellationToken);
        Console.WriteLine("model  | journeys/s | cpu us/journey | alloc B/journey | gen0 GCs");
        for (var round = 0; round < options.Rounds; round++)
        {
            var closed = await EngineRound.RunClosedAsync(journey, options.Connections, options.Seconds, cancellationToken);
            var open = await EngineRound.RunAsync(journey, options.SaturationRate, options.Seconds, options.Connections, cancellationToken);
            foreach (var (name, r) in new[] { ("closed", closed), ("open", open) })
            {
                Console.WriteLine($"{name,-6} | {r.CompletedPerSecond,10:0} | {r.CpuCores * 1e6 / r.CompletedPerSecond,14:0.00} | {r.AllocatedBytesPerJourney,15:0} | {r.Gen0Collections,8} | started {r.AchievedRate:0}/s, dropped {r.Dropped}, cpu {r.CpuCores:0.00} cores");
            }
        }
    }

    private sealed class YieldJourney : IJourneyRunner
    {
        public async ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return JourneyResult.Ok();
        }
    }
}
