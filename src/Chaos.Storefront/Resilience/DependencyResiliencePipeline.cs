using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Chaos.Storefront.Resilience;

/// <summary>
/// The HttpClient of one dependency and its resilience pipeline, built the same way for payments, identity and tax:
/// outermost first, total timeout, retry (by the dependency's <see cref="DependencyRetryRule"/>), circuit breaker (its
/// state shown in <c>/status</c> and logged), attempt timeout.
/// </summary>
internal static partial class DependencyResiliencePipeline
{
    /// <summary>The name of the resilience pipeline on every dependency's HttpClient.</summary>
    public const string PipelineName = "pipeline";

    /// <summary>
    /// Points the client at the dependency and adds the pipeline. Options are read when the client is first created, not
    /// now: a host adds configuration up to <c>Build()</c>.
    /// </summary>
    /// <typeparam name="TOptions">The dependency's options, where its base URL and resilience options are read.</typeparam>
    /// <param name="client">The dependency's HttpClient.</param>
    /// <param name="baseUrl">The dependency's base URL; a path prefix such as <c>/tax</c> is kept. Not set while it is not absolute.</param>
    /// <param name="settings">The dependency's resilience options.</param>
    /// <param name="circuit">Where the breaker's state is read.</param>
    /// <param name="retry">What the dependency retries.</param>
    /// <param name="whileOpen">What the storefront answers while the circuit is open, for the log (for example "logins answer 503").</param>
    public static IHttpClientBuilder AddDependencyResilience<TOptions>(
        this IHttpClientBuilder client,
        Func<TOptions, Uri?> baseUrl,
        Func<TOptions, DependencyResilienceOptions> settings,
        Func<IServiceProvider, DependencyCircuit> circuit,
        DependencyRetryRule retry,
        string whileOpen)
        where TOptions : class
    {
        static TOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<TOptions>>().Value;

        client.ConfigureHttpClient((provider, http) =>
        {
            if (baseUrl(Options(provider)) is { IsAbsoluteUri: true } url)
            {
                http.BaseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
            }

            // The pipeline's total timeout governs.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.AddResilienceHandler(PipelineName, (builder, context) =>
        {
            var options = settings(Options(context.ServiceProvider));
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DependencyResiliencePipeline).FullName!);

            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout });
            if (options.Retry.MaxRetryAttempts > 0)
            {
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    Name = "retry",
                    MaxRetryAttempts = options.Retry.MaxRetryAttempts,
                    Delay = options.Retry.Delay,
                    BackoffType = retry.BackoffType,
                    UseJitter = true,

                    // A dependency's Retry-After can be longer than the whole call may take; the breaker backs off instead.
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(retry.ShouldRetry(args.Outcome)),
                });
            }

            builder.AddCircuitBreaker(CircuitBreaker(options.CircuitBreaker, circuit(context.ServiceProvider), logger, whileOpen));
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
        });
        return client;
    }

    private static HttpCircuitBreakerStrategyOptions CircuitBreaker(
        DependencyCircuitBreakerOptions options, DependencyCircuit circuit, ILogger logger, string whileOpen) => new()
    {
        Name = "circuit-breaker",
        FailureRatio = options.FailureRatio,
        MinimumThroughput = options.MinimumThroughput,
        SamplingDuration = options.SamplingDuration,
        BreakDuration = options.BreakDuration,
        StateProvider = circuit.StateProvider,
        ManualControl = circuit.ManualControl,
        OnOpened = args =>
        {
            if (args.IsManual)
            {
                LogCircuitIsolated(logger, circuit.Name);
            }
            else
            {
                LogCircuitOpened(logger, circuit.Name, args.BreakDuration, whileOpen);
            }

            return ValueTask.CompletedTask;
        },
        OnHalfOpened = _ =>
        {
            LogCircuitHalfOpened(logger, circuit.Name);
            return ValueTask.CompletedTask;
        },
        OnClosed = _ =>
        {
            LogCircuitClosed(logger, circuit.Name);
            return ValueTask.CompletedTask;
        },
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Dependency} opened for {BreakDuration}: {WhileOpen}.")]
    private static partial void LogCircuitOpened(ILogger logger, string dependency, TimeSpan breakDuration, string whileOpen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Dependency} isolated by an admin: no calls until it is closed.")]
    private static partial void LogCircuitIsolated(ILogger logger, string dependency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit of {Dependency} is half-open: letting a trial call through.")]
    private static partial void LogCircuitHalfOpened(ILogger logger, string dependency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Dependency} closed.")]
    private static partial void LogCircuitClosed(ILogger logger, string dependency);
}
