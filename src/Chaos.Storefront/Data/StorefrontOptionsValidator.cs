using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Data;

/// <summary>Validates <see cref="StorefrontOptions"/> at start-up.</summary>
internal sealed class StorefrontOptionsValidator : IValidateOptions<StorefrontOptions>
{
    public ValidateOptionsResult Validate(string? name, StorefrontOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            errors.Add($"{StorefrontOptions.SectionName}:DatabasePath is empty; set it to a file path such as storefront.db.");
        }
        else if (options.DatabasePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{StorefrontOptions.SectionName}:DatabasePath ({options.DatabasePath}) contains characters that are not allowed in a path; use a plain file path such as storefront.db.");
        }

        var proxies = options.TrustedProxies ?? [];
        for (var i = 0; i < proxies.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(proxies[i]?.Trim() ?? "", out _))
            {
                errors.Add($"{StorefrontOptions.SectionName}:TrustedProxies:{i} ({proxies[i]}) is not a CIDR network; write an address and a prefix length, for example 10.0.0.0/8, or 127.0.0.1/32 for one proxy.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
