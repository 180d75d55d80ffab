namespace Chaos.Engine.Reports;

/// <summary>The load engine's figures.</summary>
public sealed record LoadReport(long Scheduled, long Started, long Dropped, double ElapsedSeconds, double TargetRate, double AchievedRate)
{
    /// <summary>Gets the factor every rate and number of virtual users was multiplied by (<c>chaos run --load-scale</c>); 1 by default.</summary>
    public double Scale { get; init; } = 1;
}
