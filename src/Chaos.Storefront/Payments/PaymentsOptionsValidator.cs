using System.Globalization;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Payments;

/// <summary>
/// Validates <see cref="PaymentsOptions"/> at start-up and reports every error at once, each naming its configuration
/// key and saying how to fix it.
/// </summary>
internal sealed class PaymentsOptionsValidator : IValidateOptions<PaymentsOptions>
{
    // Bounds that Polly itself enforces; checked here so the message names our configuration key.
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinimumBreakerWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(1);
    private const int MaximumRetryAttempts = 100;

    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        var errors = new List<string>();
        const string section = PaymentsOptions.SectionName;

        ValidateGateway(errors, $"{section}:Primary", options.Primary, required: true);
        ValidateGateway(errors, $"{section}:Secondary", options.Secondary, required: false);

        if (options.PendingLimit < 0)
        {
            errors.Add($"{section}:PendingLimit ({options.PendingLimit}) must not be negative; use 0 to never accept an order whose payment is pending.");
        }

        if (options.CaptureInterval < MinimumTimeout || options.CaptureInterval > MaximumDuration)
        {
            errors.Add($"{section}:CaptureInterval ({Format(options.CaptureInterval)}) must be between 00:00:00.010 and 1.00:00:00; use 00:00:01 to capture pending payments every second.");
        }

        if (options.RetryAfter <= TimeSpan.Zero || options.RetryAfter > MaximumDuration)
        {
            errors.Add($"{section}:RetryAfter ({Format(options.RetryAfter)}) must be above zero and at most 1.00:00:00; use 00:00:05 to ask clients to retry in 5 seconds.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateGateway(List<string> errors, string key, PaymentGatewayOptions gateway, bool required)
    {
        if (!gateway.IsConfigured)
        {
            if (required)
            {
                errors.Add($"{key}:BaseUrl is missing; set it to the gateway's absolute URL, for example http://127.0.0.1:5201/.");
            }
        }
        else if (!gateway.BaseUrl!.IsAbsoluteUri || gateway.BaseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add($"{key}:BaseUrl ({gateway.BaseUrl.OriginalString}) must be an absolute http or https URL, for example http://127.0.0.1:5201/.");
        }

        var resilience = gateway.Resilience;
        var r = $"{key}:Resilience";

        CheckTimeout(errors, $"{r}:AttemptTimeout", resilience.AttemptTimeout);
        CheckTimeout(errors, $"{r}:TotalTimeout", resilience.TotalTimeout);
        if (resilience.AttemptTimeout >= resilience.TotalTimeout)
        {
            errors.Add($"{r}:AttemptTimeout ({Format(resilience.AttemptTimeout)}) must be below TotalTimeout ({Format(resilience.TotalTimeout)}); lower AttemptTimeout or raise TotalTimeout.");
        }

        var retry = resilience.Retry;
        if (retry.MaxRetryAttempts is < 0 or > MaximumRetryAttempts)
        {
            errors.Add($"{r}:Retry:MaxRetryAttempts ({retry.MaxRetryAttempts}) must be between 0 and {MaximumRetryAttempts}; use 0 to disable retries or 2 for the tuned default.");
        }

        if (retry.Delay < TimeSpan.Zero || retry.Delay > MaximumDuration)
        {
            errors.Add($"{r}:Retry:Delay ({Format(retry.Delay)}) must be between 00:00:00 and 1.00:00:00; use 00:00:00.100 for the tuned default.");
        }

        var breaker = resilience.CircuitBreaker;
        if (!(breaker.FailureRatio > 0 && breaker.FailureRatio <= 1))
        {
            errors.Add($"{r}:CircuitBreaker:FailureRatio ({breaker.FailureRatio.ToString(CultureInfo.InvariantCulture)}) must be above 0 and at most 1; use 0.5 to open when half the calls fail.");
        }

        if (breaker.MinimumThroughput < 2)
        {
            errors.Add($"{r}:CircuitBreaker:MinimumThroughput ({breaker.MinimumThroughput}) must be at least 2; use 5 for the tuned default.");
        }

        CheckBreakerWindow(errors, $"{r}:CircuitBreaker:SamplingDuration", breaker.SamplingDuration, "00:00:05");
        CheckBreakerWindow(errors, $"{r}:CircuitBreaker:BreakDuration", breaker.BreakDuration, "00:00:03");
    }

    private static void CheckTimeout(List<string> errors, string key, TimeSpan value)
    {
        if (value < MinimumTimeout || value > MaximumDuration)
        {
            errors.Add($"{key} ({Format(value)}) must be between 00:00:00.010 and 1.00:00:00; use a value such as 00:00:01.");
        }
    }

    private static void CheckBreakerWindow(List<string> errors, string key, TimeSpan value, string suggestion)
    {
        if (value < MinimumBreakerWindow || value > MaximumDuration)
        {
            errors.Add($"{key} ({Format(value)}) must be between 00:00:00.500 and 1.00:00:00; use {suggestion} for the tuned default.");
        }
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
