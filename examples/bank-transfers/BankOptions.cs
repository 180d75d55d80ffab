using System.ComponentModel.DataAnnotations;

namespace BankTransfers;

/// <summary>How the API reaches its bank, bound from the configuration section <c>Bank</c>.</summary>
public sealed record BankOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Bank";

    /// <summary>Gets the bank's base URL, for example <c>http://127.0.0.1:9090/</c>; not needed when <see cref="Endpoints"/> is given.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>
    /// Gets the bank's regional endpoints (<c>Bank:Endpoints:0</c>, <c>Bank:Endpoints:1</c>, ...), in the order they are
    /// tried: a transfer goes to the first, and to the next only when it surely did not reach the bank (every attempt so
    /// far found no connection or the endpoint's breaker open). When given, it takes the place of <see cref="BaseAddress"/>. Each is
    /// an absolute URL ending in <c>/</c>, as a base address is (<c>v1/transfers</c> is resolved against it).
    /// </summary>
    public IReadOnlyList<Uri> Endpoints { get; init; } = [];

    /// <summary>
    /// Gets whether each endpoint has a resilience pipeline, and so a circuit breaker, of its own. By default, as the
    /// standard handler does, one pipeline serves every endpoint: the failures of a region that is down open the one
    /// breaker, which then refuses the healthy regions too.
    /// </summary>
    /// <value>Defaults to <see langword="false"/> (the standard handler's behaviour); set <c>Bank:BreakerPerEndpoint=true</c> for the fix.</value>
    public bool BreakerPerEndpoint { get; init; }

    /// <summary>Gets where transfers go, in the order tried: <see cref="Endpoints"/>, or else <see cref="BaseAddress"/>.</summary>
    public IReadOnlyList<Uri> TransferEndpoints => Endpoints.Count > 0 ? Endpoints : BaseAddress is { } single ? [single] : [];

    /// <summary>Gets how long one attempt at the bank may take before the standard handler gives up on it (and retries).</summary>
    /// <value>Defaults to 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how long one payment may wait for the bank, retries included.</summary>
    /// <value>Defaults to 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets whether the standard resilience handler may retry a POST. It does by default, and that is the bug this example
    /// exists to show: a transfer that timed out may still have been made, so retrying it can move the money twice.
    /// </summary>
    /// <value>Defaults to <see langword="true"/> (the standard handler's behaviour); set <c>Bank:RetryPosts=false</c> for the fix.</value>
    public bool RetryPosts { get; init; } = true;
}
