namespace Chaos.Engine.Load;

/// <summary>The totals of one run of the <see cref="LoadEngine"/>.</summary>
/// <param name="Scheduled">Arrivals that fell due (started or dropped).</param>
/// <param name="Started">Arrivals that started a journey.</param>
/// <param name="Dropped">Arrivals recorded as dropped because the in-flight bound was reached.</param>
/// <param name="Elapsed">Time from the start of the first phase to the end of the drain.</param>
/// <param name="AchievedRate">Journeys started per second over the load phases.</param>
/// <param name="TargetRate">Arrivals scheduled per second over the load phases (the plan's mean rate).</param>
public sealed record LoadRunSummary(long Scheduled, long Started, long Dropped, TimeSpan Elapsed, double AchievedRate, double TargetRate);
