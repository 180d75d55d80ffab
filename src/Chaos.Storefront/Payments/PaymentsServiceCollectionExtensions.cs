using Chaos.Storefront.Resilience;

namespace Chaos.Storefront.Payments;

/// <summary>Registers the payment gateways, their resilience pipelines and the capture worker.</summary>
internal static class PaymentsServiceCollectionExtensions
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PaymentsOptions, PaymentsOptionsValidator>(configuration, PaymentsOptions.SectionName);

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
            .AddDependencyResilience<PaymentsOptions>(
                payments => payments.Gateway(gateway).BaseUrl,
                payments => payments.Gateway(gateway).Resilience,
                provider => provider.GetRequiredService<PaymentCircuits>()[gateway],
                PaymentGatewayOptions.RetryRule,
                "checkout fails over")

            // Added after the resilience handler, so it sits below it and sees every attempt.
            .AddHttpMessageHandler(() => new AttemptOutcomeHandler());
    }
}
