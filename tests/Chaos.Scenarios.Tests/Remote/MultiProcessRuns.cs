using Xunit;

namespace Chaos.Scenarios.Tests.Remote;

/// <summary>Multi-process runs run alone, after the parallel tests: two more processes on a 2-core machine would skew every latency figure.</summary>
[CollectionDefinition(nameof(MultiProcessRuns), DisableParallelization = true)]
public sealed class MultiProcessRuns;
