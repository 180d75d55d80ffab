using System.Diagnostics;

namespace Chaos.Bench;

/// <summary>
/// The reference point without the engine: N tasks each looping one GET through the same journey runner, for a
/// fixed time. The engine's saturation rounds are compared with wrk; this shows what the engine itself costs.
/// </summary>
internal static class ClosedLoopRound
{
    public static async Task<double> RunAsync(SingleGetJourney journey, int concurrency, int seconds, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long completed = 0;
        var stopwatch = Stopwatch.StartNew();
        stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        var workers = Enumerable.Range(0, concurrency).Select(id => Task.Run(async () =>
        {
            var user = new Chaos.Engine.Load.VirtualUser(id, 1);
            while (!stop.IsCancellationRequested)
            {
                await journey.RunAsync(SingleGetJourney.Name, user, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Increment(ref completed);
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return Interlocked.Read(ref completed) / stopwatch.Elapsed.TotalSeconds;
    }
}
