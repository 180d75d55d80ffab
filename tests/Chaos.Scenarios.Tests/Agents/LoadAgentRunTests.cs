using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json;
using Chaos.Cli.Agents;
using Chaos.Cli.Commands;
using Chaos.Engine.Load;
using Chaos.Engine.Scenarios;
using Chaos.Hosting;
using Chaos.Scenarios.Tests.Remote;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Agents;

/// <summary>
/// <c>chaos run --agents N</c>: the load from agents that each run one execution segment, merged and judged as one run.
/// The runs use the 15-second test-data scenario <c>payment-brownout-short</c> (20 journeys/s, a brown-out and an outage).
/// </summary>
[Collection(nameof(AgentRuns))]
public sealed partial class LoadAgentRunTests
{
    private static readonly string ScenarioPath = Repository.TestScenario("payment-brownout-short");

    [Fact]
    public async Task PaymentOutage_FromTwoLocalAgents_MergesTheSingleEngineScheduleAndPassesLeavingNoAgentBehind()
    {
        var (run, report, context) = await RunWithTwoAgentsAsync(new RunCommand.Settings(ScenarioPath, OutDirectory("two-agents"), [], Quiet: false));

        // The live view shows the agents' merged progress (a plain line every 5 s in a console that is not a terminal):
        // both agents' rates together, and the window's p99 from their last seconds merged.
        var lines = Regex.Matches(run.Console, @"\[\s*(\d+)s\] \S+\s+rate\s+([\d.]+)/([\d.]+)/s .* p99\s+(\d+)ms");
        lines.Count.ShouldBeGreaterThanOrEqualTo(2, context);
        lines.ShouldContain(m => Number(m.Groups[2].Value) >= 0.8 * Number(m.Groups[3].Value) && Number(m.Groups[3].Value) > 0, context);
        report.GetProperty("invariants").EnumerateArray().ShouldAllBe(i => i.GetProperty("passed").GetBoolean());

        // Every arrival of the single-engine schedule, by journey and second, exactly once (a dropped one counts too).
        Sorted(ArrivalsBySecond(report)).ShouldBe(Sorted(PlannedBySecond()), context);

        // One host, one clock: each measured offset is within half its round trip of zero.
        var offsets = AgentClocks(run.Errors);
        offsets.Keys.ToArray().ShouldBe(["0", "1"], context);
        offsets.Values.ShouldAllBe(a => Math.Abs(a.Offset) <= (a.RoundTrip / 2) + 0.01, context);
    }

    [Fact]
    public async Task BankBrownout_FromTwoLocalAgents_JudgesTheSystemFilesServiceAsOneRun()
    {
        // A system file's scenario: each agent gets the system file's text, runs its journeys against the API Chaos
        // started, and sends back its journeys' trace ids; the coordinator judges atMostOnce from the bank's journal
        // over every agent's journeys. With the fix no journey calls twice: agents drawing as the same users would send
        // the same trace ids, and the journal would show one journey calling twice.
        var scenario = Repository.TestScenario("bank-brownout-agents");

        var (_, report, context) = await RunWithTwoAgentsAsync(new RunCommand.Settings(scenario, OutDirectory("system-agents"), [], Quiet: true, ServiceEnv: ["Bank__RetryPosts=false"]));

        var planned = PlannedBySecond(scenario);
        Sorted(ArrivalsBySecond(report)).ShouldBe(Sorted(planned), context);
        var atMostOnce = report.GetProperty("invariants").EnumerateArray().ShouldHaveSingleItem();
        atMostOnce.GetProperty("name").GetString().ShouldBe("atMostOnce bank.transfers");
        atMostOnce.GetProperty("passed").GetBoolean().ShouldBeTrue(context);
        atMostOnce.GetProperty("measured").GetBoolean().ShouldBeTrue(context);
        atMostOnce.GetProperty("message").GetString()!.ShouldMatch(@"\((\d+) calls from \1 journeys\)\.$", context);
    }

    [Fact]
    public async Task AnAgentWhoseClockIsFiveSecondsAhead_MeasuresTheSkewAndStartsItsLoadAtTheCoordinatorsInstantAnyway()
    {
        // A second host whose wall clock is 5 s ahead: without the offset, agent 1 would see the start instant as past
        // and start at once, the coordinator's 2 s lead early.
        var outDirectory = OutDirectory("skewed-clock");
        var port = LoopbackPort.Free();
        var console = new TestConsole();
        using var errors = new StringWriter();
        var run = RunForExternalAgentsAsync(outDirectory, port, console, errors);
        var agents = new[] { ExternalAgentAsync(port, 0), ExternalAgentAsync(port, 1, clock: new SkewedClock(TimeSpan.FromSeconds(5))) };

        var exitCode = await run;
        var agentExits = await Task.WhenAll(agents);

        var context = $"exit {exitCode}\n{console.Output}\n{errors}";
        exitCode.ShouldBe(0, context);
        agentExits.ShouldBe([0, 0], context);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "report.json"), TestContext.Current.CancellationToken));
        Sorted(ArrivalsBySecond(report.RootElement)).ShouldBe(Sorted(PlannedBySecond()), context);
        var agentLines = AgentClocks(errors.ToString());
        agentLines.Keys.Order().ToArray().ShouldBe(["0", "1"], context);
        Math.Abs(agentLines["1"].Offset + 5000).ShouldBeLessThanOrEqualTo((agentLines["1"].RoundTrip / 2) + 0.01, "the coordinator's clock is 5 s behind agent 1's, within half the round trip");
        Math.Abs(agentLines["0"].Offset).ShouldBeLessThanOrEqualTo((agentLines["0"].RoundTrip / 2) + 0.01, context);
        agentLines.Values.ShouldAllBe(a => Math.Abs(a.StartLag) < 250, "both loads started at the start instant on the coordinator's clock (not 2 s early), give or take a timer (a few ms either way)");
    }

    [Fact]
    public async Task AnAgentThatNeverComes_MakesTheRunAHarnessErrorNamingIt()
    {
        var outDirectory = OutDirectory("missing-agent");
        var port = LoopbackPort.Free();
        var console = new TestConsole();
        using var errors = new StringWriter();
        using var agentOutput = new StringWriter();
        using var agentErrors = new StringWriter();

        // Agent 0 comes and waits at the barrier; agent 1 never does.
        var run = RunCommand.ExecuteAsync(
            new RunCommand.Settings(ScenarioPath, outDirectory, [], Quiet: true) { Agents = 2, CoordinatorListen = $"127.0.0.1:{port}", AgentTimeout = "4s" },
            console,
            errors,
            TimeProvider.System,
            TestContext.Current.CancellationToken);
        var agent = AgentCommand.ExecuteAsync(
            new AgentCommand.Settings($"http://127.0.0.1:{port}", Index: 0, Count: 2, ServiceUrl: null, ConnectTimeout: "60s"),
            agentOutput,
            agentErrors,
            TimeProvider.System,
            TestContext.Current.CancellationToken);

        var exitCode = await run;
        var agentExit = await agent;

        exitCode.ShouldBe(3, $"{console.Output}\n{errors}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "report.json"), TestContext.Current.CancellationToken));
        report.RootElement.GetProperty("verdict").GetString().ShouldBe("error");
        var message = string.Join("\n", report.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        message.ShouldContain("agent 1 of 2 never came to the start barrier within 4 s");
        message.ShouldContain("agent 1 never asked for its assignment");
        message.ShouldNotContain("agent 0 of 2");
        agentExit.ShouldBe(3, agentErrors.ToString());
        agentErrors.ToString().ShouldContain("the run ended before the load started");
    }

    [Fact]
    public async Task AnAgentThatCannotReachTheStorefront_MakesTheRunAHarnessErrorNamingItAndWhy()
    {
        var outDirectory = OutDirectory("failed-agent");
        var port = LoopbackPort.Free();
        using var errors = new StringWriter();
        using var agentErrors = new StringWriter();

        var run = RunForExternalAgentsAsync(outDirectory, port, new TestConsole(), errors);
        var agents = new[] { ExternalAgentAsync(port, 0), ExternalAgentAsync(port, 1, serviceUrl: $"http://127.0.0.1:{LoopbackPort.Free()}", errors: agentErrors) };

        var exitCode = await run;
        var agentExits = await Task.WhenAll(agents);

        exitCode.ShouldBe(3, errors.ToString());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "report.json"), TestContext.Current.CancellationToken));
        var message = string.Join("\n", report.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        message.ShouldContain("agent 1 of 2 failed: ");
        message.ShouldContain("Connection refused");
        agentExits.ShouldBe([3, 3], agentErrors.ToString());
    }

    [Theory]
    [InlineData(new[] { "agent", "--coordinator", "not-a-url", "--index", "0" }, "--coordinator not-a-url: not an http(s) URL")]
    [InlineData(new[] { "agent", "--coordinator", "http://127.0.0.1:1", "--index", "2", "--count", "2" }, "--index 2 is not below --count 2")]
    [InlineData(new[] { "agent", "--coordinator", "http://127.0.0.1:1", "--index", "-1" }, "--index -1: must be 0 or more")]
    [InlineData(new[] { "agent", "--index", "0" }, "--coordinator is required")]
    [InlineData(new[] { "agent", "--coordinator", "http://127.0.0.1:1", "--index", "0", "--connect-timeout", "soon" }, "--connect-timeout soon: not a positive duration")]
    [InlineData(new[] { "run", "scenarios/peak-day-baseline.yaml", "--coordinator-listen", "127.0.0.1:7700" }, "--coordinator-listen applies only with --agents N")]
    [InlineData(new[] { "run", "scenarios/peak-day-baseline.yaml", "--agents", "2", "--coordinator-listen", "localhost" }, "--coordinator-listen localhost: expected ADDR:PORT")]
    [InlineData(new[] { "run", "scenarios/peak-day-baseline.yaml", "--agents", "-1" }, "--agents -1: must be between 1 and 1000")]
    [InlineData(new[] { "run", "scenarios/peak-day-baseline.yaml", "--agents", "2", "--fail-fast" }, "--fail-fast judges the load as it runs, and with --agents the load runs in the agents")]
    public async Task BadAgentInput_ExitsTwoWithWhatToFixAndNoStackTrace(string[] args, string message)
    {
        var (exit, output) = await InvokeAsync(args.Select(a => a.StartsWith("scenarios/", StringComparison.Ordinal) ? Path.Combine(Repository.Root, a) : a).ToArray());

        exit.ShouldBe(2, output);
        output.ShouldContain(message);
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Agent_IndexBeyondTheCoordinatorsCount_ExitsTwoNamingTheCount()
    {
        await using var coordinator = await AgentCoordinator.StartAsync(
            IPAddress.Loopback, 0, 2, _ => throw new InvalidOperationException("no assignment is given to an index beyond the count"), TimeSpan.FromSeconds(5), TimeProvider.System, TestContext.Current.CancellationToken);

        var (exit, output) = await InvokeAsync(["agent", "--coordinator", coordinator.Url.AbsoluteUri, "--index", "5"]);

        exit.ShouldBe(2, output);
        output.ShouldContain("--index 5: agent index 5 is not one of this run's 2 agents (0 to 1); pass --index below 2, or run with --agents 6 or more.");
    }

    [Fact]
    public async Task Agent_NoCoordinatorAtTheUrl_ExitsThreeNamingItAfterItsConnectTimeout()
    {
        var port = LoopbackPort.Free();

        var (exit, output) = await InvokeAsync(["agent", "--coordinator", $"http://127.0.0.1:{port}", "--index", "0", "--connect-timeout", "1s"]);

        exit.ShouldBe(3, output);
        output.ShouldContain($"harness error: could not reach the coordinator at http://127.0.0.1:{port}/ within 1 s");
        output.ShouldNotContain("   at ");
    }

    /// <summary>
    /// Runs <paramref name="settings"/> with two agents started here and checks what every such run must show: it passed,
    /// it merged both agents' results and it left no agent running.
    /// </summary>
    private static async Task<(AgentsRun Run, JsonElement Report, string Context)> RunWithTwoAgentsAsync(RunCommand.Settings settings)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        using var errors = new StringWriter();
        var outDirectory = settings.OutDirectory!;
        var exitCode = await RunCommand.ExecuteAsync(settings with { Agents = 2 }, console, errors, TimeProvider.System, TestContext.Current.CancellationToken);

        var context = $"exit {exitCode}\n{console.Output}\n{errors}\n--- agent 0\n{Tail(outDirectory, 0)}\n--- agent 1\n{Tail(outDirectory, 1)}";
        exitCode.ShouldBe(0, context);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDirectory, "report.json"), TestContext.Current.CancellationToken));
        var report = document.RootElement.Clone();
        report.GetProperty("verdict").GetString().ShouldBe("pass", context);
        errors.ToString().ShouldContain("merged 2 agent(s)' results");
        MultiProcessRunTests.ProcessesIn(Path.Combine(outDirectory, "agents")).ShouldBeEmpty("the run stops the agents it started");
        return (new AgentsRun(console.Output, errors.ToString()), report, context);
    }

    private sealed record AgentsRun(string Console, string Errors);

    /// <summary>The system clock with its wall time <paramref name="skew"/> ahead, as on a host whose clock is off; its timers and timestamps are the system's.</summary>
    private sealed class SkewedClock(TimeSpan skew) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + skew;
    }

    private static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(int Exit, string Output)> InvokeAsync(string[] args)
    {
        var console = new TestConsole();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await Chaos.Cli.ChaosApp.InvokeAsync(args, console, output, errors, TestContext.Current.CancellationToken);
        return (exit, $"{console.Output}{output}{errors}");
    }

    /// <summary>
    /// Each agent's clock figures as the coordinator prints them (<c>agent 1 -5000.03 ms (round trip 0.31 ms, load started
    /// +1.20 ms from the start instant)</c>), by agent index in the order printed, in milliseconds.
    /// </summary>
    internal static Dictionary<string, (double Offset, double RoundTrip, double StartLag)> AgentClocks(string text) =>
        AgentClockLine().Matches(text).ToDictionary(
            m => m.Groups["agent"].Value,
            m => (Number(m.Groups["offset"].Value), Number(m.Groups["roundTrip"].Value), Number(m.Groups["lag"].Value)));

    internal static string[] Sorted(Dictionary<string, long> counts) => [.. counts.Select(c => $"{c.Key}={c.Value}").Order(StringComparer.Ordinal)];

    internal static Dictionary<string, long> PlannedBySecond(string? scenarioPath = null)
    {
        var scenario = ScenarioLoader.LoadFile(scenarioPath ?? ScenarioPath).Scenario!;
        return PlannedArrival.Of(LoadPlan.FromScenario(scenario))
            .GroupBy(a => $"{a.Journey}@{(int)a.At.TotalSeconds}")
            .ToDictionary(g => g.Key, g => (long)g.Count());
    }

    internal static Dictionary<string, long> ArrivalsBySecond(JsonElement report) =>
        report.GetProperty("journeyBuckets").EnumerateArray()
            .SelectMany(j => j.GetProperty("buckets").EnumerateArray().Select(b => (
                Key: $"{j.GetProperty("journey").GetString()}@{(int)b.GetProperty("atSeconds").GetDouble()}",
                Count: b.GetProperty("count").GetInt64())))
            .Where(b => b.Count > 0)
            .ToDictionary(b => b.Key, b => b.Count);

    /// <summary>Runs the scenario with two agents that the test starts itself (<c>--coordinator-listen</c> on <paramref name="port"/>).</summary>
    private static Task<int> RunForExternalAgentsAsync(string outDirectory, int port, TestConsole console, TextWriter errors) =>
        RunCommand.ExecuteAsync(
            new RunCommand.Settings(ScenarioPath, outDirectory, [], Quiet: true) { Agents = 2, CoordinatorListen = $"127.0.0.1:{port}", AgentTimeout = "30s" },
            console,
            errors,
            TimeProvider.System,
            TestContext.Current.CancellationToken);

    /// <summary>Agent <paramref name="index"/> of 2, in this process, for the coordinator on <paramref name="port"/>.</summary>
    private static Task<int> ExternalAgentAsync(int port, int index, TimeProvider? clock = null, string? serviceUrl = null, TextWriter? errors = null) =>
        AgentCommand.ExecuteAsync(
            new AgentCommand.Settings($"http://127.0.0.1:{port}", index, 2, serviceUrl, "60s"), TextWriter.Null, errors ?? TextWriter.Null, clock ?? TimeProvider.System, TestContext.Current.CancellationToken);

    private static string OutDirectory(string name) =>
        Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", $"agents-{name}-{Guid.NewGuid().ToString("N")[..8]}");

    private static string Tail(string outDirectory, int agent)
    {
        var path = Path.Combine(outDirectory, "agents", $"agent-{agent}.log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(30)) : "(none)";
    }

    [GeneratedRegex(@"agent (?<agent>\d) (?<offset>[+-]\d+\.\d+) ms \(round trip (?<roundTrip>\d+\.\d+) ms, load started (?<lag>[+-]\d+\.\d+) ms from the start instant\)")]
    private static partial Regex AgentClockLine();
}
