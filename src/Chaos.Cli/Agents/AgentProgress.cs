using Chaos.Engine.Load;
using Chaos.Engine.Metrics;

namespace Chaos.Cli.Agents;

/// <summary>An agent's progress, posted about once a second while it drives its segment, for the coordinator's live view.</summary>
/// <param name="Index">The agent's segment.</param>
/// <param name="Tick">Its engine's tick: its segment's achieved rate, journeys in flight and completed.</param>
/// <param name="Recent">Its recorder's last seconds (<see cref="RunRecorder.Export(TimeSpan)"/>): the live view's window, merged over the agents.</param>
/// <param name="ErrorsSoFar">Its journeys that did not succeed so far, by outcome.</param>
internal sealed record AgentProgress(int Index, LoadTick Tick, RecorderExport Recent, IReadOnlyDictionary<OutcomeKind, long> ErrorsSoFar);
