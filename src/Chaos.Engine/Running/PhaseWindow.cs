using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>A named window of the run that expectations are judged over, as offsets from the start of the load.</summary>
/// <param name="Name">The phase name.</param>
/// <param name="From">Inclusive start.</param>
/// <param name="To">Exclusive end.</param>
internal sealed record PhaseWindow(string Name, TimeSpan From, TimeSpan To)
{
    /// <summary>The phase before the first fault.</summary>
    public const string Baseline = "baseline";

    /// <summary>From the first fault's start to the last fault's end.</summary>
    public const string Fault = "fault";

    /// <summary>From the last fault's end to the end of the load.</summary>
    public const string Recovery = "recovery";

    /// <summary>The whole load.</summary>
    public const string Run = "run";

    /// <summary>Gets the window's length.</summary>
    public TimeSpan Length => To - From;

    /// <summary>
    /// The judging phases of a scenario: <c>run</c>; with faults also <c>baseline</c> (when the first fault
    /// starts after 0), <c>fault</c>, <c>recovery</c> (when the last fault ends before the load does) and one
    /// window per fault named after it; and one window per load phase, named after it.
    /// </summary>
    public static IReadOnlyList<PhaseWindow> For(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var end = scenario.Duration;
        var phases = new List<PhaseWindow> { new(Run, TimeSpan.Zero, end) };
        if (scenario.Faults.Count == 0)
        {
            phases.Add(new PhaseWindow(Baseline, TimeSpan.Zero, end));
            phases.AddRange(LoadPhases(scenario));
            return phases;
        }

        var first = scenario.Faults.Min(f => f.Start);
        var last = scenario.Faults.Max(f => f.End);
        if (first > TimeSpan.Zero)
        {
            phases.Add(new PhaseWindow(Baseline, TimeSpan.Zero, first));
        }

        phases.Add(new PhaseWindow(Fault, first, last));
        if (last < end)
        {
            phases.Add(new PhaseWindow(Recovery, last, end));
        }

        phases.AddRange(scenario.Faults.Select(f => new PhaseWindow(f.Name, f.Start, f.End)));
        phases.AddRange(LoadPhases(scenario));
        return phases;
    }

    /// <summary>One window per load phase, [start, end) of the phase; the loader keeps their names apart from the others.</summary>
    private static IEnumerable<PhaseWindow> LoadPhases(Scenario scenario)
    {
        var start = TimeSpan.Zero;
        foreach (var phase in scenario.Load.Phases)
        {
            yield return new PhaseWindow(phase.Name, start, start + phase.Duration);
            start += phase.Duration;
        }
    }
}
