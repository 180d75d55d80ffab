namespace Chaos.Storefront.Payments;

/// <summary>
/// What the attempts of one gateway call did, filled in by <see cref="AttemptOutcomeHandler"/> below the retry
/// strategy. A call whose last answer is a clean 503 may still have charged on an earlier attempt that timed out; the
/// log remembers that, so such a call is classed as an unknown outcome rather than a definitive failure.
/// </summary>
internal sealed class AttemptLog
{
    /// <summary>The key under which the log travels in <see cref="HttpRequestMessage.Options"/>.</summary>
    public static readonly HttpRequestOptionsKey<AttemptLog> Key = new("Chaos.Storefront.Payments.AttemptLog");

    private int attempts;
    private string? unknownReason;

    /// <summary>Gets the number of attempts that reached the transport.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>Gets why an attempt's outcome is unknown (it may have charged), or null when every attempt was definitive.</summary>
    public string? UnknownReason => Volatile.Read(ref unknownReason);

    public void AttemptStarted() => Interlocked.Increment(ref attempts);

    public void MarkUnknown(string reason) => Interlocked.CompareExchange(ref unknownReason, reason, null);
}
