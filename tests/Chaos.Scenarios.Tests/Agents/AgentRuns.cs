using Xunit;

namespace Chaos.Scenarios.Tests.Agents;

/// <summary>
/// Runs whose load comes from agent processes (on loopback or in network namespaces): one at a time, like
/// <see cref="Remote.MultiProcessRuns"/>, but beside them rather than after them. Each collection spends most of its
/// minute or two waiting on timelines, not on the cores; one queue for both made them the suite's longest path.
/// </summary>
[CollectionDefinition(nameof(AgentRuns))]
[RunsAScenarioTimeline]
public sealed class AgentRuns;
