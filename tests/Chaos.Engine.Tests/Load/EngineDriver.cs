using System.Collections.Concurrent;
using System.Diagnostics;
using Chaos.Engine.Load;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Load;

/// <summary>Drives a run on a fake clock, and a journey runner whose journeys take fake time and report what they saw.</summary>
internal static class EngineDriver
{
    /// <summary>Advances the fake clock step by step, letting the journeys on the thread pool run between steps.</summary>
    public static async Task<T> DriveAsync<T>(FakeTimeProvider time, Task<T> run, TimeSpan step)
    {
        for (var i = 0; i < 20_000 && !run.IsCompleted; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(2), TestContext.Current.CancellationToken);
            time.Advance(step);
        }

        return await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the condition never became true");
            await Task.Delay(TimeSpan.FromMilliseconds(1), TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>Each journey takes <c>length</c> on the fake clock (0: completes at once) and is logged with its user.</summary>
internal sealed class TimedRunner(FakeTimeProvider time, TimeSpan length) : IJourneyRunner
{
    private readonly long _start = time.GetTimestamp();
    private readonly ConcurrentDictionary<int, int> _busy = new();
    private int _running;
    private int _maxRunning;

    /// <summary>Gets every journey: when it started (fake time since the runner was made), its name, its user and how many ran at once.</summary>
    public ConcurrentQueue<(TimeSpan At, string Journey, int User, int Running)> Log { get; } = new();

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    /// <summary>Gets whether a virtual user was ever asked to run two journeys at once.</summary>
    public bool UserOverlapped { get; private set; }

    public async ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref _running);
        int seen;
        while (running > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, seen) != seen)
        {
        }

        if (!_busy.TryAdd(user.Id, 0))
        {
            UserOverlapped = true;
        }

        user.GetOrAdd(() => new JourneyCount()).Count++;
        Log.Enqueue((time.GetElapsedTime(_start), journey, user.Id, running));
        try
        {
            if (length > TimeSpan.Zero)
            {
                await Task.Delay(length, time, cancellationToken);
            }

            return JourneyResult.Ok();
        }
        finally
        {
            _busy.TryRemove(user.Id, out _);
            Interlocked.Decrement(ref _running);
        }
    }
}

/// <summary>A virtual user's state in tests: how many journeys it ran.</summary>
internal sealed class JourneyCount
{
    public int Count { get; set; }
}
