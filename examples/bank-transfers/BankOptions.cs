using System.ComponentModel.DataAnnotations;

namespace BankTransfers;

/// <summary>How the API reaches its bank, bound from the configuration section <c>Bank</c>.</summary>
public sealed record BankOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Bank";

    /// <summary>Gets the bank's base URL, for example <c>http://127.0.0.1:9090/</c>.</summary>
    [Required]
    public Uri? BaseAddress { get; init; }

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
