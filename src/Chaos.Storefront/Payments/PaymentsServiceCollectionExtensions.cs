using Chaos.Storefront.Resilience;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Payments;

/// <summary>Registers the payment gateways, their resilience pipelines and the capture worker.</summary>
internal static class PaymentsServiceCollectionExtensions
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<PaymentsOptions, PaymentsOptionsValidator>()
            .Bind(configuration.GetSection(PaymentsOptions.SectionName));

        services.AddSingleton<PaymentCircuits>();
        services.AddSingleton<InFlightOrders>();
        services.AddSingleton<PaymentGatewayClient>();
        services.AddSingleton<PaymentProcessor>();
        services.AddHostedService<PaymentCaptureWorker>();

        foreach (var gateway in PaymentGateways.All)
        {
            AddGateway(services, gateway);
        }

        return services;
    }

    private static void AddGateway(IServiceCollection services, string gateway)
    {
        services.AddHttpClient(PaymentGateways.HttpClientName(gateway))
            .AddDependencyResilience(
                provider => provider.GetRequiredService<IOptions<PaymentsOptions>>().Value.Gateway(gateway).BaseUrl,
                provider => provider.GetRequiredService<IOptions<PaymentsOptions>>().Value.Gateway(gateway).Resilience,
                provider => provider.GetRequiredService<PaymentCircuits>()[gateway],
                PaymentGatewayOptions.RetryRule,
                "checkout fails over")

            // Added after the resilience handler, so it sits below it and sees every attempt.
            .AddHttpMessageHandler(() => new AttemptOutcomeHandler());
    }
}
