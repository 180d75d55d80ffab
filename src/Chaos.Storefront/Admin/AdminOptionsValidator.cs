using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Admin;

/// <summary>Validates <see cref="AdminOptions"/> at start-up.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        if (options.ApiKey.Length > 0 && options.ApiKey.Trim().Length != options.ApiKey.Length)
        {
            return ValidateOptionsResult.Fail(
                $"{AdminOptions.SectionName}:ApiKey starts or ends with white space, which a client cannot send in X-Admin-Key; remove it, or leave the key empty to disable the admin endpoints.");
        }

        return ValidateOptionsResult.Success;
    }
}
