namespace Chaos.Engine.Load;

/// <summary>How one journey ended.</summary>
public enum OutcomeKind
{
    /// <summary>Every step succeeded.</summary>
    Success,

    /// <summary>Failed as designed: a fast, honest refusal such as 503 with <c>Retry-After</c> or 429.</summary>
    Degraded,

    /// <summary>An unexpected HTTP status (a 5xx without <c>Retry-After</c>, an unexpected 4xx).</summary>
    HttpError,

    /// <summary>The client-side request timeout elapsed.</summary>
    Timeout,

    /// <summary>The connection was refused, reset or closed without a response.</summary>
    ConnectionError,

    /// <summary>Never started: the in-flight bound was reached at its intended start.</summary>
    Dropped,
}

/// <summary>The result of one journey.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="StatusCode">The status code of the last response, or 0 if there was none.</param>
/// <param name="Detail">A short detail for reports (the step that failed), if any.</param>
public readonly record struct JourneyResult(OutcomeKind Outcome, int StatusCode = 0, string? Detail = null)
{
    /// <summary>A successful journey.</summary>
    public static JourneyResult Ok(int statusCode = 200) => new(OutcomeKind.Success, statusCode);
}

/// <summary>Runs one journey by name for a virtual user; implemented over real HTTP to the system under test.</summary>
public interface IJourneyRunner
{
    /// <summary>Runs the named journey once. Never throws for failures of the system under test: it returns them.</summary>
    /// <param name="journey">The journey's name.</param>
    /// <param name="user">
    /// The virtual user running it: its state (a session, a cart, orders placed) persists across its journeys. A user runs
    /// one journey at a time, so its state needs no lock.
    /// </param>
    /// <param name="cancellationToken">Cancels the journey (the run ended or was cancelled).</param>
    /// <returns>How the journey ended.</returns>
    ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken);
}
