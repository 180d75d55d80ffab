using System.Diagnostics.Metrics;

namespace Chaos.Storefront.Auth;

/// <summary>
/// Counts login attempts refused by the rate limiter, for <c>/status</c> and as the <c>chaos.storefront.login.rate_limited</c>
/// counter of the <c>Chaos.Storefront.Auth</c> meter.
/// </summary>
internal sealed class LoginMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Chaos.Storefront.Auth";

    private readonly Counter<long> rateLimitedCounter;
    private long rateLimited;

    public LoginMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        rateLimitedCounter = meter.CreateCounter<long>("chaos.storefront.login.rate_limited", unit: "{attempt}", description: "Login attempts refused with 429 by the login rate limit.");
    }

    /// <summary>Gets the login attempts refused by the rate limit since start-up.</summary>
    public long RateLimited => Interlocked.Read(ref rateLimited);

    public void RecordRateLimited()
    {
        Interlocked.Increment(ref rateLimited);
        rateLimitedCounter.Add(1);
    }
}
