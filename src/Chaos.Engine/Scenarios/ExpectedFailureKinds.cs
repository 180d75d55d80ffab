namespace Chaos.Engine.Scenarios;

/// <summary>The failure kinds an expectation may list in <c>expectedFailures</c> (besides an HTTP status number).</summary>
internal static class ExpectedFailureKinds
{
    /// <summary>Failed as designed: 503 or 429 with <c>Retry-After</c>.</summary>
    public const string Degraded = "degraded";

    /// <summary>The client-side request timeout elapsed.</summary>
    public const string Timeout = "timeout";

    /// <summary>The connection was refused, reset or closed without a response.</summary>
    public const string ConnectionError = "connectionError";

    /// <summary>Any unexpected HTTP status.</summary>
    public const string HttpError = "httpError";

    /// <summary>Gets the kinds an expectation expects when it lists none: <c>[degraded]</c> (one shared instance, so records compare equal).</summary>
    public static IReadOnlyList<string> Default { get; } = [Degraded];

    /// <summary>Gets the named kinds, in the order messages list them.</summary>
    public static IReadOnlyList<string> Named { get; } = [Degraded, Timeout, ConnectionError, HttpError];
}
