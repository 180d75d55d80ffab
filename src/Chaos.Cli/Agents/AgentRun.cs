using System.Globalization;
using Chaos.Cli.Console;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Reports;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Chaos.Hosting;

namespace Chaos.Cli.Agents;

/// <summary>
/// A run whose load comes from agents, against the storefront or a system file's service: starts the coordinator,
/// starts the agents here as child processes (unless they run elsewhere), runs the scenario with them, and stops every
/// agent it started, also on failure.
/// </summary>
internal static class AgentRun
{
    public static async Task<RunReport> RunAsync(
        AgentOptions options, Scenario scenario, string scenarioYaml, double loadScale, IRunTarget target, Uri service, string outDirectory, RunConsole view, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        // The system file goes to the agents as text: they may run where its file is not (another host, a pod).
        var systemYaml = scenario.System is { } system ? await File.ReadAllTextAsync(system.SourcePath, cancellationToken).ConfigureAwait(false) : null;
        var segments = ExecutionSegmentSequence.Equal(options.Count).ToString();
        await using var coordinator = await AgentCoordinator.StartAsync(
            options.Address,
            options.Port,
            options.Count,
            index => new AgentAssignment(index, options.Count, segments, scenario.SourcePath, scenarioYaml, loadScale, service, systemYaml),
            options.Timeout,
            time,
            cancellationToken).ConfigureAwait(false);
        error.WriteLine($"agents: coordinator listening on {coordinator.Url} for {options.Count} agent(s), segments {segments}"
            + (options.External ? $"; start each with `chaos agent --coordinator {coordinator.Url} --index I` (I = 0 to {options.Count - 1})" : ", started here"));

        var agents = new List<ChildProcess>();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchers = new List<Task>();
        try
        {
            if (!options.External)
            {
                var directory = Path.Combine(outDirectory, "agents");
                Directory.CreateDirectory(directory);
                for (var i = 0; i < options.Count; i++)
                {
                    var index = i.ToString(CultureInfo.InvariantCulture);
                    agents.Add(ChildProcess.StartDotnet(
                        $"agent {index}",
                        typeof(ChaosApp).Assembly.Location,
                        ["agent", "--coordinator", coordinator.Url.AbsoluteUri, "--index", index, "--count", options.Count.ToString(CultureInfo.InvariantCulture)],
                        directory,
                        Path.Combine(directory, $"agent-{index}.log"),
                        new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }));
                    watchers.Add(WatchAsync(agents[^1], i, coordinator, watching.Token));
                }
            }

            var runner = new ScenarioRunner(time) { Agents = coordinator };
            var report = await view.RunAsync(onTick => runner.RunAsync(scenario, target, onTick, cancellationToken)).ConfigureAwait(false);
            if (report.Verdict != Verdict.Error)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"agents: merged {options.Count} agent(s)' results in {coordinator.MergeDuration.TotalMilliseconds:0.0} ms"));
                error.WriteLine("agents: clock offsets to the coordinator (each agent started at its instant less its offset): " + string.Join(", ", coordinator.ClockOffsets.Select(c =>
                    string.Create(CultureInfo.InvariantCulture, $"agent {c.Index} {ClockSample.Format(c.Offset)} (round trip {c.RoundTrip.TotalMilliseconds:0.00} ms, load started {ClockSample.Format(c.StartLag)} from the start instant)"))));
            }

            return report;
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(watchers).ConfigureAwait(false);
            foreach (var agent in agents)
            {
                await agent.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>An agent started here that exits before it reported fails the run at once, with its last lines, instead of after the timeout.</summary>
    private static async Task WatchAsync(ChildProcess agent, int index, AgentCoordinator coordinator, CancellationToken cancellationToken)
    {
        try
        {
            var code = await agent.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            coordinator.AgentExited(index, string.Create(CultureInfo.InvariantCulture, $"its process exited with code {code} before it reported; its last lines ({agent.LogPath}):{Environment.NewLine}{agent.RecentOutput()}"));
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
