using Chaos.Storefront.Resilience;

namespace Chaos.Storefront.Tax;

/// <summary>Registers the tax service's options, its <c>tax</c> HttpClient with its resilience pipeline, and the quote client.</summary>
internal static class TaxServiceCollectionExtensions
{
    public static IServiceCollection AddTax(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TaxOptions, TaxOptionsValidator>(configuration, TaxOptions.SectionName);

        services.AddSingleton<TaxCircuit>();
        services.AddSingleton<TaxQuoteClient>();

        services.AddHttpClient(TaxQuoteClient.HttpClientName)
            .AddDependencyResilience<TaxOptions>(
                tax => tax.BaseUrl,
                tax => tax.Resilience,
                provider => provider.GetRequiredService<TaxCircuit>(),
                TaxOptions.RetryRule,
                "checkout answers 503")

            // Added after the resilience handler, so it sits below it: every attempt's quote is checked, and a malformed
            // one is a failure the retry and the breaker see.
            .AddHttpMessageHandler(() => new QuoteValidationHandler());
        return services;
    }
}
