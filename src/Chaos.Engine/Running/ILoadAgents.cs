using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>
/// Load agents that drive a run's load instead of the runner's own <see cref="LoadEngine"/>: each runs one execution
/// segment (<see cref="LoadSegment"/>) of the scenario's load against the system under test, from a common start instant,
/// and reports its recorder and ledgers. The runner still warms up, plays the faults, watches circuits, drains and judges.
/// </summary>
public interface ILoadAgents
{
    /// <summary>
    /// Waits until every agent has its assignment and is ready at the start barrier, then gives them the start instant.
    /// </summary>
    /// <param name="scenario">The validated scenario.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The instant the load starts (UTC, the run clock's); the runner starts its timeline then.</returns>
    /// <exception cref="InvalidOperationException">An agent failed or never came; the message names it.</exception>
    Task<DateTimeOffset> StartAsync(Scenario scenario, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for every agent's results and merges them: recorders into <paramref name="recorder"/> (counts summed, histograms
    /// added) and ledgers into <paramref name="run"/> (when it is an <see cref="IAgentLedgers"/>).
    /// </summary>
    /// <param name="recorder">The run's recorder.</param>
    /// <param name="run">The run's target part.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The load's totals over all agents.</returns>
    /// <exception cref="InvalidOperationException">An agent failed or never reported; the message names it. Nothing is judged on partial data.</exception>
    Task<LoadRunSummary> CollectAsync(RunRecorder recorder, ITargetRun run, CancellationToken cancellationToken);

    /// <summary>Gets the agents' progress so far, merged, for the live view; null while none has reported any.</summary>
    /// <returns>The progress, or null.</returns>
    AgentsProgress? Progress() => null;
}
