using Chaos.Engine.Load;

namespace Chaos.Testing;

/// <summary>How a C# journey ended, for <see cref="Chaos.Engine.Journeys.Http.HttpJourney"/>: ok, an honest degradation, or a failure.</summary>
public static class JourneyOutcome
{
    /// <summary>The journey did what the client wanted.</summary>
    /// <param name="statusCode">The last answer's status.</param>
    /// <returns>The result.</returns>
    public static JourneyResult Ok(int statusCode = 200) => JourneyResult.Ok(statusCode);

    /// <summary>The service declined honestly and fast (for example 503 with <c>Retry-After</c>): degraded as designed.</summary>
    /// <param name="statusCode">The answer's status.</param>
    /// <param name="detail">What happened, named in the report.</param>
    /// <returns>The result.</returns>
    public static JourneyResult Degraded(int statusCode, string? detail = null) => new(OutcomeKind.Degraded, statusCode, detail);

    /// <summary>The journey failed: a wrong answer, a 500, an answer that did not hold what it should.</summary>
    /// <param name="statusCode">The answer's status (0 when there was none).</param>
    /// <param name="detail">What went wrong, named in the report.</param>
    /// <returns>The result.</returns>
    public static JourneyResult Fail(int statusCode, string? detail = null) => new(OutcomeKind.HttpError, statusCode, detail);

    /// <summary>
    /// Reads an answer as a system file's step does: a status in <paramref name="success"/> (default: any 2xx) is ok;
    /// 503 or 429 with <c>Retry-After</c> is degraded; anything else a failure.
    /// </summary>
    /// <param name="response">The answer.</param>
    /// <param name="success">The statuses that count as success; any 2xx when empty.</param>
    /// <returns>The result.</returns>
    public static JourneyResult From(HttpResponseMessage response, params int[] success)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = (int)response.StatusCode;
        if (success.Length == 0 ? response.IsSuccessStatusCode : success.Contains(code))
        {
            return Ok(code);
        }

        return code is 503 or 429 && response.Headers.RetryAfter is not null
            ? Degraded(code, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {code}")
            : Fail(code, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {code}");
    }
}
