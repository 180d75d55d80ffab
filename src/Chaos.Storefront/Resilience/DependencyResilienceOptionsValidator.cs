using System.Globalization;

namespace Chaos.Storefront.Resilience;

/// <summary>
/// Validates the <see cref="DependencyResilienceOptions"/> of one dependency and adds every error to the list, each naming
/// its configuration key and saying how to fix it. The advice quotes the dependency's own defaults, so it cannot drift from them.
/// </summary>
/// <param name="defaults">The dependency's defaults, quoted as the fix.</param>
/// <param name="retry">The dependency's retry rule; one that retries at most once also bounds the delay by the total timeout.</param>
/// <param name="tunedDefaults">Whether a quoted default is called "the tuned default" (payments and tax) or quoted bare (identity).</param>
/// <param name="quotesDefaultTimeouts">Whether a timeout error quotes the default timeouts rather than a sample value.</param>
/// <param name="counted">What the failure ratio counts, in its advice: <c>calls</c> or <c>attempts</c>.</param>
internal sealed class DependencyResilienceOptionsValidator(
    DependencyResilienceOptions defaults,
    DependencyRetryRule retry,
    bool tunedDefaults = true,
    bool quotesDefaultTimeouts = false,
    string counted = "calls")
{
    /// <summary>The longest duration any option accepts.</summary>
    public static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(1);

    // Bounds that Polly itself enforces; checked here so the message names our configuration key.
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinimumBreakerWindow = TimeSpan.FromMilliseconds(500);
    private const int MaximumRetryAttempts = 100;

    private string Tuned => tunedDefaults ? " for the tuned default" : "";

    /// <summary>Adds an error for every option under <paramref name="key"/> (for example <c>Tax:Resilience</c>) that is out of bounds.</summary>
    public void Validate(List<string> errors, string key, DependencyResilienceOptions options)
    {
        ValidateTimeouts(errors, key, options);
        ValidateRetry(errors, $"{key}:Retry", options.Retry, options.TotalTimeout);
        ValidateCircuitBreaker(errors, $"{key}:CircuitBreaker", options.CircuitBreaker);
    }

    /// <summary>Adds an error when a timeout is outside [10 ms, 1 day], suggesting a sample value.</summary>
    public static void CheckTimeout(List<string> errors, string key, TimeSpan value) =>
        CheckTimeout(errors, key, value, "a value such as 00:00:01");

    /// <summary>Adds an error when a dependency's URL is missing or is not an absolute http or https URL.</summary>
    /// <param name="errors">Where the error is added.</param>
    /// <param name="key">The configuration key, for example <c>Tax:BaseUrl</c>.</param>
    /// <param name="url">The URL, <see langword="null"/> when it is not set.</param>
    /// <param name="what">What to set it to, for example "the tax service's absolute URL".</param>
    /// <param name="example">A valid value, for example <c>http://127.0.0.1:5203/</c>.</param>
    public static void CheckUrl(List<string> errors, string key, Uri? url, string what, string example)
    {
        if (url is null)
        {
            errors.Add($"{key} is missing; set it to {what}, for example {example}.");
        }
        else if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{key} ({url.OriginalString}) must be an absolute http or https URL, for example {example}.");
        }
    }

    /// <summary>
    /// Adds an error when the delay a dependency's outage asks clients to wait (their <c>Retry-After</c>) is not above
    /// zero and at most a day.
    /// </summary>
    /// <param name="errors">Where the error is added.</param>
    /// <param name="key">The configuration key, for example <c>Tax:RetryAfter</c>.</param>
    /// <param name="value">The delay.</param>
    /// <param name="suggestion">The fix, for example "00:00:05 to ask clients to retry in 5 seconds".</param>
    public static void CheckRetryAfter(List<string> errors, string key, TimeSpan value, string suggestion)
    {
        if (value <= TimeSpan.Zero || value > MaximumDuration)
        {
            errors.Add($"{key} ({Format(value)}) must be above zero and at most 1.00:00:00; use {suggestion}.");
        }
    }

    /// <summary>Formats a duration as configuration shows it in an error, for example <c>00:00:00.0500000</c>.</summary>
    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    private void ValidateTimeouts(List<string> errors, string key, DependencyResilienceOptions options)
    {
        if (quotesDefaultTimeouts)
        {
            CheckTimeout(errors, $"{key}:AttemptTimeout", options.AttemptTimeout, Suggest(defaults.AttemptTimeout) + Tuned);
            CheckTimeout(errors, $"{key}:TotalTimeout", options.TotalTimeout, Suggest(defaults.TotalTimeout) + Tuned);
        }
        else
        {
            CheckTimeout(errors, $"{key}:AttemptTimeout", options.AttemptTimeout);
            CheckTimeout(errors, $"{key}:TotalTimeout", options.TotalTimeout);
        }

        if (options.AttemptTimeout >= options.TotalTimeout)
        {
            var example = quotesDefaultTimeouts ? $", for example {Suggest(defaults.AttemptTimeout)} and {Suggest(defaults.TotalTimeout)}" : "";
            errors.Add($"{key}:AttemptTimeout ({Format(options.AttemptTimeout)}) must be below TotalTimeout ({Format(options.TotalTimeout)}); lower AttemptTimeout or raise TotalTimeout{example}.");
        }
    }

    private void ValidateRetry(List<string> errors, string key, DependencyRetryOptions options, TimeSpan totalTimeout)
    {
        var useDefaults = $"{defaults.Retry.MaxRetryAttempts}{Tuned}";
        var useDelay = $"{Suggest(defaults.Retry.Delay)}{Tuned}";
        if (retry.AtMostOnceBecause is { } because)
        {
            if (options.MaxRetryAttempts is < 0 or > 1)
            {
                errors.Add($"{key}:MaxRetryAttempts ({options.MaxRetryAttempts}) must be 0 or 1: {because}; use {useDefaults}.");
            }

            if (options.Delay < TimeSpan.Zero || options.Delay >= totalTimeout)
            {
                errors.Add($"{key}:Delay ({Format(options.Delay)}) must be at least 00:00:00 and below TotalTimeout; use {useDelay}.");
            }

            return;
        }

        if (options.MaxRetryAttempts is < 0 or > MaximumRetryAttempts)
        {
            errors.Add($"{key}:MaxRetryAttempts ({options.MaxRetryAttempts}) must be between 0 and {MaximumRetryAttempts}; use 0 to disable retries or {useDefaults}.");
        }

        if (options.Delay < TimeSpan.Zero || options.Delay > MaximumDuration)
        {
            errors.Add($"{key}:Delay ({Format(options.Delay)}) must be between 00:00:00 and 1.00:00:00; use {useDelay}.");
        }
    }

    private void ValidateCircuitBreaker(List<string> errors, string key, DependencyCircuitBreakerOptions options)
    {
        if (!(options.FailureRatio > 0 && options.FailureRatio <= 1))
        {
            errors.Add($"{key}:FailureRatio ({options.FailureRatio.ToString(CultureInfo.InvariantCulture)}) must be above 0 and at most 1; use 0.5 to open when half the {counted} fail.");
        }

        if (options.MinimumThroughput < 2)
        {
            errors.Add($"{key}:MinimumThroughput ({options.MinimumThroughput}) must be at least 2; use {defaults.CircuitBreaker.MinimumThroughput}{Tuned}.");
        }

        CheckBreakerWindow(errors, $"{key}:SamplingDuration", options.SamplingDuration, defaults.CircuitBreaker.SamplingDuration);
        CheckBreakerWindow(errors, $"{key}:BreakDuration", options.BreakDuration, defaults.CircuitBreaker.BreakDuration);
    }

    private void CheckBreakerWindow(List<string> errors, string key, TimeSpan value, TimeSpan suggestion)
    {
        if (value < MinimumBreakerWindow || value > MaximumDuration)
        {
            errors.Add($"{key} ({Format(value)}) must be between 00:00:00.500 and 1.00:00:00; use {Suggest(suggestion)}{Tuned}.");
        }
    }

    private static void CheckTimeout(List<string> errors, string key, TimeSpan value, string suggestion)
    {
        if (value < MinimumTimeout || value > MaximumDuration)
        {
            errors.Add($"{key} ({Format(value)}) must be between 00:00:00.010 and 1.00:00:00; use {suggestion}.");
        }
    }

    /// <summary>A default as a user would type it, for example <c>00:00:05</c> or <c>00:00:00.050</c> (defaults are below a day).</summary>
    private static string Suggest(TimeSpan value) =>
        value.ToString(value.Milliseconds == 0 ? @"hh\:mm\:ss" : @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
