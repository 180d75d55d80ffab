using Chaos.Cli.Console;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Reports;
using Chaos.Engine.Running;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests;

public sealed class RunConsoleTests
{
    [Fact]
    public async Task RunAsync_Piped_PrintsAPlainLineEveryFiveSeconds()
    {
        var console = new TestConsole();
        console.Profile.Width = 200;

        await new RunConsole(console, quiet: false).RunAsync(onTick =>
        {
            for (var second = 0; second <= 10; second++)
            {
                onTick!(View(second));
            }

            return Task.FromResult(Report());
        });

        var lines = console.Lines.Where(l => l.Contains("rate", StringComparison.Ordinal)).ToList();
        lines.Count.ShouldBe(3); // 0 s, 5 s, 10 s
        lines[1].ShouldContain("[   5s] peak");
        lines[1].ShouldContain("payments.primary=open");
        lines[1].ShouldContain("faults: outage on payments.primary");
    }

    [Fact]
    public async Task RunAsync_InteractiveTerminal_ShowsTheLiveTable()
    {
        var console = new TestConsole().Interactive();
        console.Profile.Width = 200;

        await new RunConsole(console, quiet: false).RunAsync(onTick =>
        {
            onTick!(View(7));
            return Task.FromResult(Report());
        });

        console.Output.ShouldContain("7s of 60s");
        console.Output.ShouldContain("not ok so far");
        console.Output.ShouldContain("Timeout 3");
        console.Output.ShouldContain("outage on payments.primary");
    }

    [Fact]
    public async Task RunAsync_Quiet_ShowsNoProgressAndPassesNoCallback()
    {
        var console = new TestConsole();
        Action<LiveView>? given = _ => { }; // replaced by what RunAsync passes

        await new RunConsole(console, quiet: true).RunAsync(onTick =>
        {
            given = onTick;
            return Task.FromResult(Report());
        });

        given.ShouldBeNull();
        console.Output.ShouldBeEmpty();
    }

    private static LiveView View(int second)
    {
        var recorder = new RunRecorder(["checkout"]);
        recorder.Record("checkout", TimeSpan.FromSeconds(second), TimeSpan.FromMilliseconds(40), JourneyResult.Ok());
        return new LiveView(
            new LoadTick(TimeSpan.FromSeconds(second), "peak", 30, 29.5, 2, 100, 97, 0.2),
            60,
            recorder.Summarize(null, TimeSpan.Zero, TimeSpan.FromSeconds(second + 1)),
            new Dictionary<OutcomeKind, long> { [OutcomeKind.Timeout] = 3 },
            new Dictionary<string, string> { ["payments.primary"] = "open", ["payments.secondary"] = "closed" },
            ["outage on payments.primary"]);
    }

    private static RunReport Report() => new()
    {
        Scenario = "test",
        Incident = "test",
        SourcePath = "test.yaml",
        Seed = 1,
        StartedAt = DateTimeOffset.UnixEpoch,
        Verdict = Verdict.Pass,
    };
}
