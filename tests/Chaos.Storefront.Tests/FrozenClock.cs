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
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Set)> _watched = [];

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // A timeout's timer is often created stopped and set later (CancellationTokenSource.CancelAfter): watch both.
        Observe(dueTime, period);
        return new ObservedTimer(this, base.CreateTimer(callback, state, dueTime, period));
    }

    /// <summary>Waits for <paramref name="request"/> while the clock stands still; fails if it waits on a storefront timer.</summary>
    public Task<HttpResponseMessage> AnswerWithoutMovingAsync(Task<HttpResponseMessage> request) =>
        AnswerAsync(request, "the request did not answer on a clock that does not move: the storefront waited on a timer (an attempt timeout, a backoff) instead of failing fast");

    /// <summary>
    /// Sends <paramref name="send"/>; once the storefront has set a one-shot timer of <paramref name="timeout"/>, checks
    /// that the request is still waiting, moves the clock on by <paramref name="timeout"/>, and waits for the answer that
    /// moving it must bring. Timers are told apart by their duration only: use it where the request is the only one in
    /// flight and no other timer of that duration starts with it.
    /// </summary>
    public async Task<HttpResponseMessage> AnswerAtTimeoutAsync(Func<Task<HttpResponseMessage>> send, TimeSpan timeout)
    {
        var timerSet = Watch(timeout);
        var request = send();
        Task first;
        try
        {
            first = await Task.WhenAny(timerSet, request).WaitAsync(RealTimeBound, StorefrontHarness.Cancellation);
        }
        catch (TimeoutException)
        {
            await ReleaseAsync(request);
            throw new ShouldAssertException($"the storefront never set a {timeout} timer for the request");
        }

        if (first != timerSet)
        {
            throw new ShouldAssertException($"the request answered before the storefront set a {timeout} timer for it");
        }

        request.IsCompleted.ShouldBeFalse("the request answered before the storefront's clock reached its timeout");
        Advance(timeout);
        return await AnswerAsync(request, $"the request did not answer when the storefront's clock had moved {timeout}: it waited for the dependency's hang, not for its timeout");
    }

    /// <summary>The request's answer; when none comes within the real-time bound, releases it and fails with <paramref name="failure"/>.</summary>
    private async Task<HttpResponseMessage> AnswerAsync(Task<HttpResponseMessage> request, string failure)
    {
        try
        {
            return await request.WaitAsync(RealTimeBound, StorefrontHarness.Cancellation);
        }
        catch (TimeoutException)
        {
            await ReleaseAsync(request);
            throw new ShouldAssertException(failure);
        }
    }

    /// <summary>A task that completes when a one-shot timer of <paramref name="dueTime"/> is set from now on.</summary>
    private Task Watch(TimeSpan dueTime)
    {
        var set = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _watched.Add((dueTime, set));
        }

        return set.Task;
    }

    private void Observe(TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan || dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var watch in _watched.Where(w => w.DueTime == dueTime))
            {
                watch.Set.TrySetResult();
            }
        }
    }

    // Lets the storefront's timers fire so that the request ends and the storefront can stop; the caller then fails with
    // its own message, whatever the request did.
    private async Task ReleaseAsync(Task<HttpResponseMessage> request)
    {
        Advance(TimeSpan.FromHours(1));
        await ((Task)request).WaitAsync(RealTimeBound, StorefrontHarness.Cancellation).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
