using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chaos.Storefront.Resilience;

/// <summary>
/// How a call to a payment gateway or a fulfillment host that ended in an exception is named in its result's reason: the
/// same words for both.
/// </summary>
internal static class DependencyFailure
{
    /// <summary>
    /// Names the failure: <c>circuit isolated</c>, <c>circuit open</c>, <c>timed out</c>, <c>connection refused</c>,
    /// <c>transport error (SecureConnectionError)</c> (any other <see cref="HttpRequestError"/>), or the exception's type name.
    /// </summary>
    public static string Describe(Exception ex) => ex switch
    {
        IsolatedCircuitException => "circuit isolated",
        BrokenCircuitException => "circuit open",
        TimeoutRejectedException => "timed out",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connection refused",
        HttpRequestException http => $"transport error ({http.HttpRequestError})",
        _ => ex.GetType().Name,
    };
}
