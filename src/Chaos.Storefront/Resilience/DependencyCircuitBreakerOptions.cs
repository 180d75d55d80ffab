namespace Chaos.Storefront.Resilience;

/// <summary>The circuit breaker of one dependency: while it is open, calls fail at once without reaching it.</summary>
internal sealed record DependencyCircuitBreakerOptions
{
    /// <summary>Gets the share of failed attempts within the sampling duration that opens the circuit, in (0, 1].</summary>
    /// <value>Defaults to 0.5.</value>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Gets the least number of attempts within the sampling duration before the circuit may open.</summary>
    /// <value>Defaults to 5.</value>
    public int MinimumThroughput { get; init; } = 5;

    /// <summary>Gets the window over which the failure ratio is measured.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets how long the circuit stays open before a trial call is let through.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);
}
