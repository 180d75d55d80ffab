using System.Globalization;

namespace Chaos.Storefront;

/// <summary>The value of a <c>Retry-After</c> header: a delay in whole seconds, rounded up, at least one.</summary>
internal static class RetryAfterHeader
{
    /// <summary>The delay in whole seconds, rounded up and at least 1, so a client never retries at once.</summary>
    public static int Seconds(TimeSpan delay) => Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds));

    /// <summary>The header's value for <paramref name="delay"/>, for example <c>5</c>.</summary>
    public static string Value(TimeSpan delay) => Seconds(delay).ToString(CultureInfo.InvariantCulture);
}
