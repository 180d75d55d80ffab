using Chaos.Storefront.Resilience;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Payments;

/// <summary>
/// Validates <see cref="PaymentsOptions"/> at start-up and reports every error at once, each naming its configuration
/// key and saying how to fix it.
/// </summary>
internal sealed class PaymentsOptionsValidator : IValidateOptions<PaymentsOptions>
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaximumDuration = DependencyResilienceOptionsValidator.MaximumDuration;

    private static readonly DependencyResilienceOptionsValidator Resilience =
        new(new PaymentGatewayOptions().Resilience, PaymentGatewayOptions.RetryRule);

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

        if (options.CaptureInterval < MinimumInterval || options.CaptureInterval > MaximumDuration)
        {
            errors.Add($"{section}:CaptureInterval ({Format(options.CaptureInterval)}) must be between 00:00:00.010 and 1.00:00:00; use 00:00:01 to capture pending payments every second.");
        }

        DependencyResilienceOptionsValidator.CheckRetryAfter(errors, $"{section}:RetryAfter", options.RetryAfter, "00:00:05 to ask clients to retry in 5 seconds");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateGateway(List<string> errors, string key, PaymentGatewayOptions gateway, bool required)
    {
        // An empty base URL leaves an optional gateway out.
        if (gateway.IsConfigured || required)
        {
            DependencyResilienceOptionsValidator.CheckUrl(errors, $"{key}:BaseUrl", gateway.IsConfigured ? gateway.BaseUrl : null, "the gateway's absolute URL", "http://127.0.0.1:5201/");
        }

        Resilience.Validate(errors, $"{key}:Resilience", gateway.Resilience);
    }

    private static string Format(TimeSpan value) => DependencyResilienceOptionsValidator.Format(value);
}
