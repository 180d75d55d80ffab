using Chaos.Storefront.Resilience;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Chaos.Storefront.Fulfillment;

/// <summary>Registers the shipment outbox, the host pool, its HttpClient and the dispatcher.</summary>
internal static class FulfillmentServiceCollectionExtensions
{
    public static IServiceCollection AddFulfillment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<FulfillmentOptions, FulfillmentOptionsValidator>(configuration, FulfillmentOptions.SectionName);

        services.AddSingleton<ShipmentStore>();
        services.AddSingleton<FulfillmentHostPool>();
        services.AddSingleton<FulfillmentClient>();
        services.AddSingleton<DeliveryEstimator>();
        services.AddHostedService<ShipmentDispatcher>();

        // One client for every host (requests carry absolute URLs); each host's ejection is the dispatcher's, so the
        // pipeline holds only the attempt timeout. Options are read when the client is first created.
        services.AddHttpClient(FulfillmentClient.HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(DependencyResiliencePipeline.PipelineName, (builder, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<FulfillmentOptions>>().Value;
                builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = settings.AttemptTimeout });
            });

        return services;
    }
}
