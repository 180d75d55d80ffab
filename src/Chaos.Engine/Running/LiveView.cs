using Chaos.Engine.Load;
using Chaos.Engine.Metrics;

namespace Chaos.Engine.Running;

/// <summary>What a run looks like right now, about once a second: for the live console view.</summary>
/// <param name="Load">The load engine's tick: phase, target and achieved rate, in flight.</param>
/// <param name="TotalSeconds">The load's planned duration, in seconds.</param>
/// <param name="Recent">The journeys intended to start in the last five seconds.</param>
/// <param name="ErrorsSoFar">Journeys that did not succeed so far, by outcome.</param>
/// <param name="Circuits">The circuit states the target's observer saw last, by dependency.</param>
/// <param name="ActiveFaults">The faults applied now, as <c>name on dependency</c>.</param>
public sealed record LiveView(
    LoadTick Load,
    double TotalSeconds,
    WindowSummary Recent,
    IReadOnlyDictionary<OutcomeKind, long> ErrorsSoFar,
    IReadOnlyDictionary<string, string> Circuits,
    IReadOnlyList<string> ActiveFaults);
