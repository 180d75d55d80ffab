namespace Chaos.Engine.Reports;

/// <summary>The target arrival rate of one open-model load phase: linear from <paramref name="StartRate"/> to <paramref name="EndRate"/>.</summary>
/// <param name="Phase">The load phase's name.</param>
/// <param name="FromSeconds">Its start, from the start of the load.</param>
/// <param name="ToSeconds">Its end.</param>
/// <param name="StartRate">Journeys per second at its start.</param>
/// <param name="EndRate">Journeys per second at its end.</param>
public sealed record TargetRateReport(string Phase, double FromSeconds, double ToSeconds, double StartRate, double EndRate)
{
    /// <summary>The target rates of a load plan's phases, one after another.</summary>
    /// <remarks>A closed-model phase (a number of virtual users) has no target rate and is skipped.</remarks>
    public static IReadOnlyList<TargetRateReport> For(IEnumerable<Scenarios.LoadPhase> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var result = new List<TargetRateReport>();
        var at = TimeSpan.Zero;
        foreach (var phase in phases)
        {
            if (phase.Model == Scenarios.LoadModel.Open)
            {
                result.Add(new TargetRateReport(phase.Name, at.TotalSeconds, (at + phase.Duration).TotalSeconds, phase.StartRate, phase.EndRate));
            }

            at += phase.Duration;
        }

        return result;
    }
}
