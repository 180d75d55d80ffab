using Microsoft.Extensions.Time.Testing;

namespace Chaos.Storefront.Tests;

/// <summary>
/// A storefront clock that stands still until a test moves it, to prove timing without a stopwatch (a busy machine makes
/// wall-clock bounds flaky):
/// <list type="bullet">
/// <item>a fast failure (<see cref="AnswerWithoutMovingAsync"/>): with the dependency's retry delay at 0, a request
/// answers only if the storefront waited on none of its timers (an attempt timeout, a backoff, a break);</item>
/// <item>a failure at a timeout (<see cref="AnswerAtTimeoutAsync"/>): the request is still waiting once the storefront
/// has set its timeout's timer, and answers when the clock reaches it, not after the dependency's hang.</item>
/// </list>
/// The bounds on the real clock only keep a storefront that waits on the wrong thing from hanging the test.
/// </summary>
internal sealed class FrozenClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private static readonly TimeSpan RealTimeBound = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _oneShotTimers = [];

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // A timeout's timer is often created stopped and set later (CancellationTokenSource.CancelAfter): watch both.
        Observe(dueTime, period);
        return new ObservedTimer(this, base.CreateTimer(callback, state, dueTime, period));
    }

    /// <summary>Waits for <paramref name="request"/> while the clock stands still; fails if it waits on a storefront timer.</summary>
    public async Task<HttpResponseMessage> AnswerWithoutMovingAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            return await request.WaitAsync(RealTimeBound, StorefrontHarness.Cancellation);
        }
        catch (TimeoutException)
        {
            await ReleaseAsync(request);
            throw new ShouldAssertException("the request did not answer on a clock that does not move: the storefront waited on a timer (an attempt timeout, a backoff) instead of failing fast");
        }
    }

    /// <summary>
    /// Sends <paramref name="send"/>; once the storefront has set a new one-shot timer of <paramref name="timeout"/>,
    /// checks that the request is still waiting, moves the clock on by <paramref name="timeout"/>, and waits for the
    /// answer that moving it must bring. Timers are told apart by their duration only: use it where the request is the
    /// only one in flight and no other timer of that duration starts with it.
    /// </summary>
    public async Task<HttpResponseMessage> AnswerAtTimeoutAsync(Func<Task<HttpResponseMessage>> send, TimeSpan timeout)
    {
        var before = TimersOf(timeout);
        var request = send();
        try
        {
            await WaitForTimerAsync(timeout, before, request);
            request.IsCompleted.ShouldBeFalse("the request answered before the storefront's clock reached its timeout");
            Advance(timeout);
            return await request.WaitAsync(RealTimeBound, StorefrontHarness.Cancellation);
        }
        catch (TimeoutException)
        {
            await ReleaseAsync(request);
            throw new ShouldAssertException($"the request did not answer when the storefront's clock had moved {timeout}: it waited for the dependency's hang, not for its timeout");
        }
        catch (ShouldAssertException)
        {
            await ReleaseAsync(request);
            throw;
        }
    }

    private async Task WaitForTimerAsync(TimeSpan timeout, int before, Task<HttpResponseMessage> request)
    {
        var deadline = DateTime.UtcNow + RealTimeBound;
        while (TimersOf(timeout) == before && !request.IsCompleted)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the storefront never set a {timeout} timer for the request");
            await Task.Delay(20, StorefrontHarness.Cancellation);
        }
    }

    private void Observe(TimeSpan dueTime, TimeSpan period)
    {
        if (period == Timeout.InfiniteTimeSpan && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _oneShotTimers.Add(dueTime);
            }
        }
    }

    private int TimersOf(TimeSpan dueTime)
    {
        lock (_gate)
        {
            return _oneShotTimers.Count(t => t == dueTime);
        }
    }

    // Lets the storefront's timers fire so that the request ends and the storefront can stop; the caller then fails with
    // its own message, whatever the request did.
    private async Task ReleaseAsync(Task<HttpResponseMessage> request)
    {
        Advance(TimeSpan.FromHours(1));
        await Task.WhenAny(request, Task.Delay(RealTimeBound, StorefrontHarness.Cancellation));
    }

    private sealed class ObservedTimer(FrozenClock clock, ITimer timer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Observe(dueTime, period);
            return timer.Change(dueTime, period);
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
