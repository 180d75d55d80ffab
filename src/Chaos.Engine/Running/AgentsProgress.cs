using Chaos.Engine.Load;
using Chaos.Engine.Metrics;

namespace Chaos.Engine.Running;

/// <summary>What load agents have done so far, merged, for the live view while they drive the load.</summary>
/// <param name="Tick">The agents' ticks together: rates, journeys in flight and completed summed; the elapsed time and phase of the agent furthest on.</param>
/// <param name="Recent">The agents' last seconds, merged (counts summed, histograms added): the live view's window is read from it.</param>
/// <param name="ErrorsSoFar">Journeys that did not succeed so far, by outcome, over all agents.</param>
public sealed record AgentsProgress(LoadTick Tick, RunRecorder Recent, IReadOnlyDictionary<OutcomeKind, long> ErrorsSoFar);
