using System.Net;
using Polly;
using Polly.Timeout;

namespace Chaos.Storefront.Resilience;

/// <summary>
/// What a dependency's pipeline retries and how its delay grows: the one part of the pipeline each dependency decides for
/// itself. The number of retries and the delay are configured (<see cref="DependencyRetryOptions"/>).
/// </summary>
/// <param name="ShouldRetry">Whether an attempt's outcome is retried.</param>
/// <param name="BackoffType">How the delay grows from one retry to the next.</param>
internal sealed record DependencyRetryRule(Func<Outcome<HttpResponseMessage>, bool> ShouldRetry, DelayBackoffType BackoffType)
{
    /// <summary>
    /// Retries 5xx, 408, attempts that timed out and transport errors, with a delay that grows exponentially: for a call
    /// that is safe to repeat (a read, or a charge that carries its idempotency key). Neither 429 nor an open circuit is retried.
    /// </summary>
    public static DependencyRetryRule Transient { get; } = new(
        outcome => outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => IsServerFailure(response),
            _ => false,
        },
        DelayBackoffType.Exponential);

    /// <summary>
    /// Gets why the call is retried at most once, or <see langword="null"/> when it may be retried up to 100 times. A call
    /// retried at most once must also fit its delay within the total timeout.
    /// </summary>
    public string? AtMostOnceBecause { get; init; }

    /// <summary>Gets a value indicating whether a response is a 5xx or a 408.</summary>
    public static bool IsServerFailure(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
}
