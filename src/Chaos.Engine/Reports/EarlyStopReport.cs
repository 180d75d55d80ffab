namespace Chaos.Engine.Reports;

/// <summary>A run that stopped its load once an expectation had failed (<c>--fail-fast</c>).</summary>
/// <param name="AtSeconds">The load's offset when it stopped, in seconds.</param>
/// <param name="Expectation">The expectation that had failed, as <c>phase subject metric</c>.</param>
/// <param name="Message">Its judgement.</param>
public sealed record EarlyStopReport(double AtSeconds, string Expectation, string Message)
{
    /// <summary>When and why, as every report words it after "stopped early": <c>at 6s (--fail-fast): outage pay successRate had failed</c>.</summary>
    /// <returns>The phrase.</returns>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"at {AtSeconds:0.###}s (--fail-fast): {Expectation} had failed");
}
