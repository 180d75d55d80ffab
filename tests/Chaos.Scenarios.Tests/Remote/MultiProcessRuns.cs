using Xunit;

namespace Chaos.Scenarios.Tests.Remote;

/// <summary>
/// Runs that start chaos, the storefront or agents as processes of their own: one at a time (each starts several processes
/// whose start-up takes a core for seconds), beside the in-process scenario runs.
/// </summary>
[CollectionDefinition(nameof(MultiProcessRuns))]
[RunsAScenarioTimeline]
public sealed class MultiProcessRuns;
