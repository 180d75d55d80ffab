using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Chaos.Storefront.Payments;

/// <summary>Registers the payment gateways, their resilience pipelines and the capture worker.</summary>
internal static partial class PaymentsServiceCollectionExtensions
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
        // Options are read when the client is first created, not now: a host adds configuration up to Build().
        var client = services.AddHttpClient(PaymentGateways.HttpClientName(gateway));
        client.ConfigureHttpClient((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<PaymentsOptions>>().Value.Gateway(gateway);
                if (options.IsConfigured && options.BaseUrl is { } baseUrl)
                {
                    // Keep a path prefix such as /stripe when relative routes are resolved against it.
                    http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
                }

                // The pipeline's total timeout governs.
                http.Timeout = Timeout.InfiniteTimeSpan;
            });
        client.AddResilienceHandler("pipeline", (builder, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<PaymentsOptions>>().Value.Gateway(gateway).Resilience;
                var circuit = context.ServiceProvider.GetRequiredService<PaymentCircuits>()[gateway];
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PaymentsServiceCollectionExtensions).FullName!);
                var dependency = PaymentGateways.DependencyName(gateway);

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

                        // A gateway's Retry-After can be longer than the whole call may take; the breaker backs off instead.
                        ShouldRetryAfterHeader = false,
                        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                    });
                }

                builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    Name = "circuit-breaker",
                    FailureRatio = settings.CircuitBreaker.FailureRatio,
                    MinimumThroughput = settings.CircuitBreaker.MinimumThroughput,
                    SamplingDuration = settings.CircuitBreaker.SamplingDuration,
                    BreakDuration = settings.CircuitBreaker.BreakDuration,
                    StateProvider = circuit.StateProvider,
                    ManualControl = circuit.ManualControl,
                    OnOpened = args =>
                    {
                        if (args.IsManual)
                        {
                            LogCircuitIsolated(logger, dependency);
                        }
                        else
                        {
                            LogCircuitOpened(logger, dependency, args.BreakDuration);
                        }

                        return ValueTask.CompletedTask;
                    },
                    OnHalfOpened = _ =>
                    {
                        LogCircuitHalfOpened(logger, dependency);
                        return ValueTask.CompletedTask;
                    },
                    OnClosed = _ =>
                    {
                        LogCircuitClosed(logger, dependency);
                        return ValueTask.CompletedTask;
                    },
                });

                builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = settings.AttemptTimeout });
            });

        // Added after the resilience handler, so it sits below it and sees every attempt.
        client.AddHttpMessageHandler(() => new AttemptOutcomeHandler());
    }

    /// <summary>Retries on 5xx, 408, attempt timeouts and transport errors; a charge is retried with the same key.</summary>
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Dependency} opened for {BreakDuration}.")]
    private static partial void LogCircuitOpened(ILogger logger, string dependency, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Dependency} isolated by an admin: no calls until it is closed.")]
    private static partial void LogCircuitIsolated(ILogger logger, string dependency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit of {Dependency} is half-open: letting a trial call through.")]
    private static partial void LogCircuitHalfOpened(ILogger logger, string dependency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Dependency} closed.")]
    private static partial void LogCircuitClosed(ILogger logger, string dependency);
}
