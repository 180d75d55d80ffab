using System.Diagnostics;

namespace Chaos.Bench;

/// <summary>
/// The process's peak resident set over a stretch of time: the kernel's high-water mark (VmHWM, reset through
/// <c>/proc/self/clear_refs</c> where allowed) and, as a cross-check, <see cref="Process.WorkingSet64"/> sampled every 50 ms.
/// </summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly bool _highWaterReset;
    private long _peakSampled;

    private PeakMemory()
    {
        _highWaterReset = TryResetHighWaterMark();
        _sampling = SampleAsync();
    }

    public static PeakMemory Start() => new();

    /// <summary>Stops sampling and returns the peak in bytes: the larger of VmHWM (when it was reset) and the samples.</summary>
    public async Task<(long PeakBytes, string Source)> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        Sample();
        var highWater = _highWaterReset ? ReadStatusKilobytes("VmHWM:") * 1024 : 0;
        return highWater >= _peakSampled ? (highWater, "VmHWM") : (_peakSampled, "sampled");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private static bool TryResetHighWaterMark()
    {
        try
        {
            // "5" resets the peak RSS (VmHWM) of the process to its current RSS (Linux 4.0 and later).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadStatusKilobytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not Linux: the samples stand alone.
        }

        return 0;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        var rss = process.WorkingSet64;
        if (rss > _peakSampled)
        {
            _peakSampled = rss;
        }
    }
}
