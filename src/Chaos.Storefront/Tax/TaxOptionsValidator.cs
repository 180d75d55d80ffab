using Chaos.Storefront.Resilience;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Tax;

/// <summary>
/// Validates <see cref="TaxOptions"/> at start-up and reports every error at once, each naming its configuration key and
/// giving a valid example.
/// </summary>
internal sealed class TaxOptionsValidator : IValidateOptions<TaxOptions>
{
    private static readonly DependencyResilienceOptionsValidator Resilience =
        new(new TaxOptions().Resilience, TaxOptions.RetryRule, quotesDefaultTimeouts: true, counted: "attempts");

    public ValidateOptionsResult Validate(string? name, TaxOptions options)
    {
        var errors = new List<string>();
        const string section = TaxOptions.SectionName;

        DependencyResilienceOptionsValidator.CheckUrl(errors, $"{section}:BaseUrl", options.BaseUrl, "the tax service's absolute URL", "http://127.0.0.1:5203/");

        DependencyResilienceOptionsValidator.CheckRetryAfter(errors, $"{section}:RetryAfter", options.RetryAfter, "00:00:05 to ask customers to retry checkout in 5 seconds");

        Resilience.Validate(errors, $"{section}:Resilience", options.Resilience);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
