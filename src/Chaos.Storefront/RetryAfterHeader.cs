using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chaos.Storefront;

/// <summary>The value of a <c>Retry-After</c> header: a delay in whole seconds, rounded up, at least one.</summary>
internal static class RetryAfterHeader
{
    /// <summary>The delay in whole seconds, rounded up and at least 1, so a client never retries at once.</summary>
    public static int Seconds(TimeSpan delay) => Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds));

    /// <summary>The header's value for <paramref name="delay"/>, for example <c>5</c>.</summary>
    public static string Value(TimeSpan delay) => Seconds(delay).ToString(CultureInfo.InvariantCulture);

    /// <summary>A 503 problem whose <c>Retry-After</c> header, set on <paramref name="response"/>, says when to try again.</summary>
    public static ProblemHttpResult ServiceUnavailable(
        HttpResponse response, TimeSpan retryAfter, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        response.Headers.RetryAfter = Value(retryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail, extensions: extensions);
    }
}
