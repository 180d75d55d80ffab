using System.Globalization;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Reports;
using Chaos.Engine.Scenarios;
using Spectre.Console;

namespace Chaos.Cli.Console;

/// <summary>What <c>chaos run</c> shows: progress lines while it runs, then the verdict table.</summary>
internal sealed class RunConsole(IAnsiConsole console, bool quiet)
{
    private TimeSpan? _lastLine;

    public void Starting(Scenario scenario, string outDirectory)
    {
        console.MarkupLineInterpolated($"[bold]{scenario.Name}[/]: {scenario.Incident}");
        console.MarkupLineInterpolated($"  seed {scenario.Seed}, load {scenario.Duration.TotalSeconds:0}s in {scenario.Load.Phases.Count} phases, {scenario.Faults.Count} faults; reports in {outDirectory}");
    }

    /// <summary>A progress line every 5 seconds (none in quiet mode).</summary>
    public void Tick(LoadTick tick, IReadOnlyDictionary<string, string> circuits)
    {
        if (quiet || (_lastLine is { } last && tick.Elapsed - last < TimeSpan.FromSeconds(5)))
        {
            return;
        }

        _lastLine = tick.Elapsed;
        var success = tick.Completed == 0 ? "-" : ((double)tick.Succeeded / tick.Completed).ToString("P1", CultureInfo.InvariantCulture);
        var circuitText = string.Join(" ", circuits.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  [{tick.Elapsed.TotalSeconds,4:0}s] {tick.Phase,-10} rate {tick.AchievedRate,6:0.0}/{tick.TargetRate:0.0}/s  in flight {tick.InFlight,3}  ok {success,6}  p99 {tick.P99Seconds * 1000,6:0}ms  {circuitText}"));
    }

    public void Finished(RunReport report, IReadOnlyList<string> files)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"{report.Scenario}: verdict");
        table.AddColumn("");
        table.AddColumn("phase");
        table.AddColumn("journey / dependency");
        table.AddColumn("metric");
        table.AddColumn("expected");
        table.AddColumn("observed");
        foreach (var e in report.Expectations)
        {
            var mark = !e.Measured ? "[yellow]?[/]" : e.Passed ? "[green]ok[/]" : "[red]FAIL[/]";
            var expected = string.Join(" and ", new[] { e.AtLeast is { } min ? $">= {MetricNames.FormatValue(e.Metric, min)}" : null, e.AtMost is { } max ? $"<= {MetricNames.FormatValue(e.Metric, max)}" : null }.Where(s => s is not null));
            table.AddRow(
                new Markup(mark),
                new Text(e.Phase),
                new Text(e.Journey ?? e.Dependency ?? "all"),
                new Text(e.Metric),
                new Text(expected),
                new Text(MetricNames.FormatValue(e.Metric, e.Observed)));
        }

        foreach (var i in report.Invariants)
        {
            table.AddRow(new Markup(i.Passed ? "[green]ok[/]" : "[red]FAIL[/]"), new Text("after drain"), new Text("-"), new Text(i.Name), new Text("holds"), new Text(i.Message));
        }

        console.Write(table);
        foreach (var e in report.Expectations.Where(e => !e.Passed))
        {
            console.MarkupLineInterpolated($"[red]{report.SourcePath}:{e.Line}: {e.Message}[/]");
        }

        foreach (var i in report.Invariants.Where(i => !i.Passed))
        {
            console.MarkupLineInterpolated($"[red]invariant {i.Name}: {i.Message}[/]");
            foreach (var example in i.Examples)
            {
                console.MarkupLineInterpolated($"[red]  - {example}[/]");
            }
        }

        foreach (var error in report.Errors)
        {
            console.MarkupLineInterpolated($"[yellow]harness error: {error}[/]");
        }

        var word = report.Verdict switch
        {
            Verdict.Pass => "[green]PASS[/]: degraded as designed",
            Verdict.Fail => "[red]FAIL[/]: beyond contract",
            _ => "[yellow]ERROR[/]: the harness could not judge this run",
        };
        console.MarkupLine($"Verdict: {word} (exit {report.ExitCode})");
        foreach (var file in files)
        {
            console.MarkupLineInterpolated($"  {file}");
        }
    }
}
