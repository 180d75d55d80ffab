using System.Globalization;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Tax;

/// <summary>
/// Validates <see cref="TaxOptions"/> at start-up and reports every error at once, each naming its configuration key and
/// giving a valid example.
/// </summary>
internal sealed class TaxOptionsValidator : IValidateOptions<TaxOptions>
{
    // Bounds that Polly itself enforces; checked here so the message names our configuration key.
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinimumBreakerWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(1);
    private const int MaximumRetryAttempts = 100;

    public ValidateOptionsResult Validate(string? name, TaxOptions options)
    {
        var errors = new List<string>();
        const string section = TaxOptions.SectionName;

        if (options.BaseUrl is null)
        {
            errors.Add($"{section}:BaseUrl is missing; set it to the tax service's absolute URL, for example http://127.0.0.1:5203/.");
        }
        else if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add($"{section}:BaseUrl ({options.BaseUrl.OriginalString}) must be an absolute http or https URL, for example http://127.0.0.1:5203/.");
        }

        if (options.RetryAfter <= TimeSpan.Zero || options.RetryAfter > MaximumDuration)
        {
            errors.Add($"{section}:RetryAfter ({Format(options.RetryAfter)}) must be above zero and at most 1.00:00:00; use 00:00:05 to ask customers to retry checkout in 5 seconds.");
        }

        var resilience = options.Resilience;
        var r = $"{section}:Resilience";
        CheckTimeout(errors, $"{r}:AttemptTimeout", resilience.AttemptTimeout, "00:00:01");
        CheckTimeout(errors, $"{r}:TotalTimeout", resilience.TotalTimeout, "00:00:02");
        if (resilience.AttemptTimeout >= resilience.TotalTimeout)
        {
            errors.Add($"{r}:AttemptTimeout ({Format(resilience.AttemptTimeout)}) must be below TotalTimeout ({Format(resilience.TotalTimeout)}); lower AttemptTimeout or raise TotalTimeout, for example 00:00:01 and 00:00:02.");
        }

        var retry = resilience.Retry;
        if (retry.MaxRetryAttempts is < 0 or > MaximumRetryAttempts)
        {
            errors.Add($"{r}:Retry:MaxRetryAttempts ({retry.MaxRetryAttempts}) must be between 0 and {MaximumRetryAttempts}; use 0 to disable retries or 1 for the tuned default.");
        }

        if (retry.Delay < TimeSpan.Zero || retry.Delay > MaximumDuration)
        {
            errors.Add($"{r}:Retry:Delay ({Format(retry.Delay)}) must be between 00:00:00 and 1.00:00:00; use 00:00:00.050 for the tuned default.");
        }

        var breaker = resilience.CircuitBreaker;
        if (!(breaker.FailureRatio > 0 && breaker.FailureRatio <= 1))
        {
            errors.Add($"{r}:CircuitBreaker:FailureRatio ({breaker.FailureRatio.ToString(CultureInfo.InvariantCulture)}) must be above 0 and at most 1; use 0.5 to open when half the attempts fail.");
        }

        if (breaker.MinimumThroughput < 2)
        {
            errors.Add($"{r}:CircuitBreaker:MinimumThroughput ({breaker.MinimumThroughput}) must be at least 2; use 4 for the tuned default.");
        }

        CheckBreakerWindow(errors, $"{r}:CircuitBreaker:SamplingDuration", breaker.SamplingDuration);
        CheckBreakerWindow(errors, $"{r}:CircuitBreaker:BreakDuration", breaker.BreakDuration);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTimeout(List<string> errors, string key, TimeSpan value, string suggestion)
    {
        if (value < MinimumTimeout || value > MaximumDuration)
        {
            errors.Add($"{key} ({Format(value)}) must be between 00:00:00.010 and 1.00:00:00; use {suggestion} for the tuned default.");
        }
    }

    private static void CheckBreakerWindow(List<string> errors, string key, TimeSpan value)
    {
        if (value < MinimumBreakerWindow || value > MaximumDuration)
        {
            errors.Add($"{key} ({Format(value)}) must be between 00:00:00.500 and 1.00:00:00; use 00:00:05 for the tuned default.");
        }
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
