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
