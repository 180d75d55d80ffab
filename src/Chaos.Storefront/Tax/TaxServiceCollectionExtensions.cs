using Chaos.Storefront.Resilience;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Chaos.Storefront.Tax;

/// <summary>Registers the tax service's options, its <c>tax</c> HttpClient with its resilience pipeline, and the quote client.</summary>
internal static partial class TaxServiceCollectionExtensions
{
    public static IServiceCollection AddTax(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<TaxOptions, TaxOptionsValidator>()
            .Bind(configuration.GetSection(TaxOptions.SectionName));

        services.AddSingleton<TaxCircuit>();
        services.AddSingleton<TaxQuoteClient>();

        // Options are read when the client is first created, not now: a host adds configuration up to Build().
        var client = services.AddHttpClient(TaxQuoteClient.HttpClientName);
        client.ConfigureHttpClient((provider, http) =>
        {
            if (provider.GetRequiredService<IOptions<TaxOptions>>().Value.BaseUrl is { IsAbsoluteUri: true } baseUrl)
            {
                // Keep a path prefix such as /tax when relative routes are resolved against it.
                http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
            }

            // The pipeline's total timeout governs.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.AddResilienceHandler("pipeline", (builder, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<TaxOptions>>().Value.Resilience;
            var circuit = context.ServiceProvider.GetRequiredService<TaxCircuit>();
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TaxServiceCollectionExtensions).FullName!);

            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total-timeout", Timeout = settings.TotalTimeout });

            if (settings.Retry.MaxRetryAttempts > 0)
            {
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    Name = "retry",
                    MaxRetryAttempts = settings.Retry.MaxRetryAttempts,
                    Delay = settings.Retry.Delay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = false,

                    // A quote is read-only, so an attempt that timed out may be retried; an open circuit is not.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException or TimeoutRejectedException } => true,
                        { Result: { } response } => response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
                        _ => false,
                    }),
                });
            }

            builder.AddDependencyCircuitBreaker(
                circuit,
                settings.CircuitBreaker.FailureRatio,
                settings.CircuitBreaker.MinimumThroughput,
                settings.CircuitBreaker.SamplingDuration,
                settings.CircuitBreaker.BreakDuration,
                logger,
                "checkout answers 503");

            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = settings.AttemptTimeout });
        });

        // Added after the resilience handler, so it sits below it: every attempt's quote is checked, and a malformed one
        // is a failure the retry and the breaker see.
        client.AddHttpMessageHandler(() => new QuoteValidationHandler());
        return services;
    }
}
