using Microsoft.Extensions.Options;

namespace Chaos.Storefront;

/// <summary>How every part of the storefront registers its options.</summary>
internal static class OptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to its section of the configuration and validates it with
    /// <typeparamref name="TValidator"/> when the host starts: a bad setting stops the storefront at start-up, naming the key.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptionsWithValidateOnStart<TOptions, TValidator>().Bind(configuration.GetSection(section));
        return services;
    }
}
