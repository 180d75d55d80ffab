using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Chaos.Storefront.Resilience;

/// <summary>The circuit breaker of a dependency's resilience pipeline, attached to its <see cref="DependencyCircuit"/> and logged.</summary>
internal static partial class DependencyCircuitBreaker
{
    /// <summary>Adds the breaker with the configured thresholds; its state shows in <c>/status</c> through <paramref name="circuit"/>.</summary>
    /// <param name="builder">The dependency's pipeline.</param>
    /// <param name="circuit">Where the breaker's state is read.</param>
    /// <param name="failureRatio">The share of failed calls in the sampling window that opens it.</param>
    /// <param name="minimumThroughput">The calls needed in the window before it may open.</param>
    /// <param name="samplingDuration">The window.</param>
    /// <param name="breakDuration">How long it stays open before a trial call.</param>
    /// <param name="logger">Where openings and closings are logged.</param>
    /// <param name="whileOpen">What the storefront answers while it is open, for the log (for example "logins answer 503").</param>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddDependencyCircuitBreaker(
        this ResiliencePipelineBuilder<HttpResponseMessage> builder,
        DependencyCircuit circuit,
        double failureRatio,
        int minimumThroughput,
        TimeSpan samplingDuration,
        TimeSpan breakDuration,
        ILogger logger,
        string whileOpen) =>
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "circuit-breaker",
            FailureRatio = failureRatio,
            MinimumThroughput = minimumThroughput,
            SamplingDuration = samplingDuration,
            BreakDuration = breakDuration,
            StateProvider = circuit.StateProvider,
            OnOpened = args =>
            {
                LogCircuitOpened(logger, circuit.Name, args.BreakDuration, whileOpen);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                LogCircuitClosed(logger, circuit.Name);
                return ValueTask.CompletedTask;
            },
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Dependency} opened for {BreakDuration}: {WhileOpen}.")]
    private static partial void LogCircuitOpened(ILogger logger, string dependency, TimeSpan breakDuration, string whileOpen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Dependency} closed.")]
    private static partial void LogCircuitClosed(ILogger logger, string dependency);
}
