namespace Chaos.Storefront;

/// <summary>The loop of a background worker: one tick per interval on the injected clock until the host stops.</summary>
internal static class PeriodicWork
{
    /// <summary>
    /// Runs <paramref name="tick"/> every <paramref name="interval"/> until <paramref name="stoppingToken"/> is cancelled.
    /// A tick that fails is reported to <paramref name="tickFailed"/> and the next tick runs as usual; stopping is not a failure.
    /// </summary>
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> tick, Action<Exception> tickFailed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await tick(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    tickFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever a tick did not finish is durable and is picked up again after the restart.
        }
    }
}
