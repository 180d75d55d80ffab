using Chaos.Storefront.Resilience;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Auth;

/// <summary>
/// Validates <see cref="IdentityProviderOptions"/> at start-up and reports every error at once, each naming its
/// configuration key and saying how to fix it.
/// </summary>
internal sealed class IdentityProviderOptionsValidator : IValidateOptions<IdentityProviderOptions>
{
    // Bounds that Microsoft.IdentityModel enforces; checked here so the message names our configuration key.
    private static readonly TimeSpan MinimumKeyRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumDuration = DependencyResilienceOptionsValidator.MaximumDuration;

    private static readonly DependencyResilienceOptionsValidator Resilience =
        new(new IdentityProviderOptions().Resilience, IdentityProviderOptions.RetryRule, tunedDefaults: false);

    public ValidateOptionsResult Validate(string? name, IdentityProviderOptions options)
    {
        var errors = new List<string>();
        const string section = IdentityProviderOptions.SectionName;

        DependencyResilienceOptionsValidator.CheckUrl(errors, $"{section}:Authority", options.Authority, "the identity provider's base URL", "http://127.0.0.1:5301/");

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add($"{section}:Audience is empty; set it to the audience the identity provider puts in the storefront's tokens, for example storefront.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{section}:ClockSkew ({Format(options.ClockSkew)}) must be between 00:00:00 and 00:05:00; use 00:00:30.");
        }

        DependencyResilienceOptionsValidator.CheckTimeout(errors, $"{section}:MetadataTimeout", options.MetadataTimeout);

        if (options.KeyRefreshInterval < MinimumKeyRefresh || options.KeyRefreshInterval > MaximumDuration)
        {
            errors.Add($"{section}:KeyRefreshInterval ({Format(options.KeyRefreshInterval)}) must be between 00:00:01 and 1.00:00:00; use 00:05:00.");
        }

        DependencyResilienceOptionsValidator.CheckRetryAfter(errors, $"{section}:RetryAfter", options.RetryAfter, "00:00:10 to ask clients to retry login in 10 seconds");

        Resilience.Validate(errors, $"{section}:Resilience", options.Resilience);
        ValidateRateLimit(errors, $"{section}:LoginRateLimit", options.LoginRateLimit);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateRateLimit(List<string> errors, string key, LoginRateLimitOptions limit)
    {
        if (limit.PermitsPerAccount < 1)
        {
            errors.Add($"{key}:PermitsPerAccount ({limit.PermitsPerAccount}) must be at least 1; use 5 logins per account per window.");
        }

        if (limit.PermitsPerClient < 1)
        {
            errors.Add($"{key}:PermitsPerClient ({limit.PermitsPerClient}) must be at least 1; use 100 logins per client address per window.");
        }

        if (limit.Window < TimeSpan.FromMilliseconds(100) || limit.Window > MaximumDuration)
        {
            errors.Add($"{key}:Window ({Format(limit.Window)}) must be between 00:00:00.100 and 1.00:00:00; use 00:01:00.");
        }
    }

    private static string Format(TimeSpan value) => DependencyResilienceOptionsValidator.Format(value);
}
