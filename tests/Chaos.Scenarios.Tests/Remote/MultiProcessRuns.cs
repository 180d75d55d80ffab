using Xunit;

namespace Chaos.Scenarios.Tests.Remote;

/// <summary>
/// Runs that start chaos or the storefront as processes of their own: one at a time (each starts several processes
/// whose start-up takes a core for seconds), beside the in-process scenario runs and the agent runs
/// (<see cref="Agents.AgentRuns"/>).
/// </summary>
[CollectionDefinition(nameof(MultiProcessRuns))]
[RunsAScenarioTimeline]
public sealed class MultiProcessRuns;
