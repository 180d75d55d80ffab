using System.Globalization;
using Chaos.Storefront.Resilience;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Fulfillment;

/// <summary>
/// Validates <see cref="FulfillmentOptions"/> at start-up and reports every error at once, each naming its configuration
/// key and saying how to fix it.
/// </summary>
internal sealed class FulfillmentOptionsValidator : IValidateOptions<FulfillmentOptions>
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaximumDuration = TimeSpan.FromDays(1);
    private static readonly TimeSpan MaximumPromise = TimeSpan.FromDays(60);
    private const int MaximumBatchSize = 10_000;

    public ValidateOptionsResult Validate(string? name, FulfillmentOptions options)
    {
        var errors = new List<string>();
        const string section = FulfillmentOptions.SectionName;

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Hosts.Count; i++)
        {
            var key = $"{section}:Hosts:{i.ToString(CultureInfo.InvariantCulture)}";
            var host = options.Hosts[i];
            if (string.IsNullOrWhiteSpace(host.Name))
            {
                errors.Add($"{key}:Name is missing; give every host a unique name such as fc-win-1.");
            }
            else if (!host.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                errors.Add($"{key}:Name ({host.Name}) may hold only letters, digits, '-', '_' and '.'; use a name such as fc-win-1.");
            }
            else if (!names.Add(host.Name))
            {
                errors.Add($"{key}:Name ({host.Name}) is used by another host; give every host a unique name.");
            }

            // A blank value is missing, like no value.
            var baseUrl = string.IsNullOrWhiteSpace(host.BaseUrl?.OriginalString) ? null : host.BaseUrl;
            DependencyResilienceOptionsValidator.CheckUrl(errors, $"{key}:BaseUrl", baseUrl, "the host's absolute URL", "http://127.0.0.1:5301/");

            foreach (var (tag, value) in host.Tags)
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add($"{key}:Tags:{tag} is empty; give the tag a value such as windows, or remove it.");
                }
            }
        }

        CheckDuration(errors, $"{section}:DispatchInterval", options.DispatchInterval, MinimumInterval, MaximumDuration, "00:00:01 to dispatch every second");
        CheckDuration(errors, $"{section}:AttemptTimeout", options.AttemptTimeout, MinimumInterval, MaximumDuration, "00:00:02");
        CheckDuration(errors, $"{section}:EjectionDuration", options.EjectionDuration, MinimumInterval, MaximumDuration, "00:00:30 to retry a dead host after 30 seconds");
        CheckDuration(errors, $"{section}:RetryDelay", options.RetryDelay, MinimumInterval, MaximumDuration, "00:00:01");
        CheckDuration(errors, $"{section}:MaxRetryDelay", options.MaxRetryDelay, MinimumInterval, MaximumDuration, "00:01:00");
        CheckDuration(errors, $"{section}:PromisedDelivery", options.PromisedDelivery, TimeSpan.Zero, MaximumPromise, "2.00:00:00 for two days");
        CheckDuration(errors, $"{section}:DelayedAfter", options.DelayedAfter, TimeSpan.Zero, MaximumPromise, "00:05:00");
        CheckDuration(errors, $"{section}:DelayAllowance", options.DelayAllowance, TimeSpan.Zero, MaximumPromise, "1.00:00:00 for one day");

        if (options.MaxRetryDelay < options.RetryDelay)
        {
            errors.Add($"{section}:MaxRetryDelay ({Format(options.MaxRetryDelay)}) must not be below RetryDelay ({Format(options.RetryDelay)}); raise MaxRetryDelay or lower RetryDelay.");
        }

        if (options.BatchSize is < 1 or > MaximumBatchSize)
        {
            errors.Add($"{section}:BatchSize ({options.BatchSize}) must be between 1 and {MaximumBatchSize}; use 50 for the tuned default.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckDuration(List<string> errors, string key, TimeSpan value, TimeSpan minimum, TimeSpan maximum, string suggestion)
    {
        if (value < minimum || value > maximum)
        {
            errors.Add($"{key} ({Format(value)}) must be between {Format(minimum)} and {Format(maximum)}; use {suggestion}.");
        }
    }

    private static string Format(TimeSpan value) => DependencyResilienceOptionsValidator.Format(value);
}
