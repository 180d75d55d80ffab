using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chaos.Cli.Commands;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Agents;

/// <summary>
/// Across hosts without a second machine: <c>bench/netns-run.sh</c> puts the simulators, the storefront and three agents
/// in network namespaces of their own, joined by a bridge (each with a non-loopback 10.77.x.y address), and the
/// coordinator on the bridge. CI runs as root, which namespaces need. The merged run must be the single-engine schedule and
/// judge as a single-process run of the same scenario does; nothing may be left behind, also when the test fails.
/// Agent 2's host has a wall clock 5 s ahead (libfaketime, <c>--skew 2:+5s</c>): a second machine's clock, not a
/// <see cref="TimeProvider"/> the test hands in.
/// </summary>
[Collection(nameof(AgentRuns))]
public sealed partial class NetnsRunTests
{
    private static readonly string Script = Path.Combine(Repository.Root, "bench", "netns-run.sh");
    private static readonly string ScenarioPath = Repository.TestScenario("payment-brownout-short");

    [Fact]
    public async Task PaymentOutage_FromThreeAgentsInTheirOwnNamespaces_MergesTheScheduleAndJudgesAsOneProcessDoes()
    {
        var id = Guid.NewGuid().ToString("N")[..4];
        var outDirectory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", $"netns-{id}");
        string output;
        int exitCode;
        try
        {
            (exitCode, output) = await RunScriptAsync(["--agents", "3", "--id", id, "--out", outDirectory, "--scenario", ScenarioPath, "--skew", "2:+5s"]);
        }
        finally
        {
            await RunScriptAsync(["--cleanup", id]);
        }

        var net = NetLine().Match(output) is { Success: true } match ? match.Groups["net"].Value : "(not reached)";
        exitCode.ShouldBe(0, output);
        output.ShouldContain($"coordinator listening on http://{net}.1:7700/ for 3 agent(s)");
        output.ShouldContain($"storefront http://{net}.3:8080/", Case.Sensitive, "the agents drove the storefront at its namespace's address");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "report", "report.json"), TestContext.Current.CancellationToken));
        LoadAgentRunTests.Sorted(LoadAgentRunTests.ArrivalsBySecond(report.RootElement)).ShouldBe(LoadAgentRunTests.Sorted(LoadAgentRunTests.PlannedBySecond()), output);
        // Agent 2's clock runs 5 s ahead of the coordinator's; it measures that, within half its round trip, and still
        // starts its load at the coordinator's instant (without the offset it would start at once, the 2 s lead early).
        var agents = LoadAgentRunTests.AgentClocks(output);
        agents.Keys.Order().ToArray().ShouldBe(["0", "1", "2"], output);
        Math.Abs(agents["2"].Offset + 5000).ShouldBeLessThanOrEqualTo((agents["2"].RoundTrip / 2) + 0.01, output);
        Math.Abs(agents["0"].Offset).ShouldBeLessThanOrEqualTo((agents["0"].RoundTrip / 2) + 0.01, output);
        agents.Values.ShouldAllBe(a => Math.Abs(a.StartLag) < 250, output);

        var dependencies = report.RootElement.GetProperty("dependencies").EnumerateArray().ToDictionary(d => d.GetProperty("dependency").GetString()!);
        dependencies["payments.primary"].GetProperty("faultedCalls").GetInt32().ShouldBeGreaterThan(0, "the faults reached the simulators' namespace");

        // The same scenario in one process: the same verdict, the same expectations and invariants holding.
        var single = await SingleProcessAsync();
        Judged(report.RootElement).ShouldBe(Judged(single.RootElement), output);

        // Nothing left behind: namespaces, links, processes.
        (await RunAsync("ip", ["netns", "list"])).Output.ShouldNotContain($"cx{id}-");
        (await RunAsync("ip", ["-o", "link", "show"])).Output.ShouldNotContain($"cx{id}");
        ProcessesMentioning(outDirectory).ShouldBeEmpty("the script stops every process it started");
        ProcessesMentioning($"{net}.1:7700").ShouldBeEmpty("no agent is left running");
    }

    private static async Task<JsonDocument> SingleProcessAsync()
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", $"netns-single-{Guid.NewGuid().ToString("N")[..8]}");
        using var errors = new StringWriter();
        var exit = await RunCommand.ExecuteAsync(new RunCommand.Settings(ScenarioPath, outDirectory, [], Quiet: true), new TestConsole(), errors, TimeProvider.System, TestContext.Current.CancellationToken);
        exit.ShouldBe(0, errors.ToString());
        return JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "report.json"), TestContext.Current.CancellationToken));
    }

    /// <summary>The verdict, and each expectation and invariant with whether it held (not the observed values, which vary).</summary>
    private static string[] Judged(JsonElement report) =>
    [
        $"verdict {report.GetProperty("verdict").GetString()}",
        .. report.GetProperty("expectations").EnumerateArray().Select(e => $"expectation {e.GetProperty("phase").GetString()} {e.GetProperty("journey")}{e.GetProperty("dependency")} {e.GetProperty("metric").GetString()} passed {e.GetProperty("passed").GetBoolean()}"),
        .. report.GetProperty("invariants").EnumerateArray().Select(i => $"invariant {i.GetProperty("name").GetString()} passed {i.GetProperty("passed").GetBoolean()}"),
    ];

    private static Task<(int Exit, string Output)> RunScriptAsync(string[] args) => RunAsync("bash", [Script, .. args]);

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static IReadOnlyList<int> ProcessesMentioning(string text)
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ').Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A process that just exited.
            }
        }

        return found;
    }

    [GeneratedRegex(@"net (?<net>10\.77\.\d+)\.0/24")]
    private static partial Regex NetLine();
}
