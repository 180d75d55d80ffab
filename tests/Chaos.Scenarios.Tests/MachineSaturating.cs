using Xunit;

namespace Chaos.Scenarios.Tests;

/// <summary>
/// Tests that take both cores for seconds (the load engine at 5,000 requests/s, headless Chromium starting): they run
/// alone, after the parallel ones, so that they neither slow the scenario runs whose latencies are judged nor are slowed
/// by them.
/// </summary>
[CollectionDefinition(nameof(MachineSaturating), DisableParallelization = true)]
public sealed class MachineSaturating;
