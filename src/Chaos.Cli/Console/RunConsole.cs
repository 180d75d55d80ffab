using System.Globalization;
using Chaos.Engine.Judging;
using Chaos.Engine.Reports;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Chaos.Engine.Telemetry;
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

    /// <summary>
    /// Runs <paramref name="run"/> while showing its progress: a live table in an interactive terminal,
    /// a plain line every 5 seconds when the output is piped or not a terminal, nothing in quiet mode.
    /// </summary>
    public async Task<RunReport> RunAsync(Func<Action<LiveView>?, Task<RunReport>> run)
    {
        if (quiet)
        {
            return await run(null).ConfigureAwait(false);
        }

        if (!console.Profile.Capabilities.Interactive)
        {
            return await run(PlainLine).ConfigureAwait(false);
        }

        RunReport? report = null;
        await console.Live(Render(null)).AutoClear(false).StartAsync(async context =>
        {
            report = await run(view =>
            {
                context.UpdateTarget(Render(view));
                context.Refresh();
            }).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return report!;
    }

    /// <summary>A plain progress line every 5 seconds: for CI logs and pipes.</summary>
    private void PlainLine(LiveView view)
    {
        var tick = view.Load;
        if (_lastLine is { } last && tick.Elapsed - last < TimeSpan.FromSeconds(5))
        {
            return;
        }

        _lastLine = tick.Elapsed;
        var circuitText = string.Join(" ", view.Circuits.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
        var faults = view.ActiveFaults.Count == 0 ? "" : $"  faults: {string.Join(", ", view.ActiveFaults)}";
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  [{tick.Elapsed.TotalSeconds,4:0}s] {tick.Phase,-10} rate {tick.AchievedRate,6:0.0}/{tick.TargetRate:0.0}/s  in flight {tick.InFlight,3}{(tick.TargetCopies > 0 ? $"/{tick.TargetCopies} users" : "")}  ok {Percent(view.Recent.SuccessRate),6}  p99 {Milliseconds(view.Recent.P99Seconds),7}  lag {Milliseconds(view.Recent.LagP99Seconds),5}  {circuitText}{faults}"));
    }

    /// <summary>The live table: where the run is, how the storefront is doing now, what is broken.</summary>
    private static Table Render(LiveView? view)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("what").AddColumn("now");
        if (view is null)
        {
            table.AddRow(new Text("starting"), new Text("warming up the storefront..."));
            return table;
        }

        var tick = view.Load;
        var errors = view.ErrorsSoFar.Count == 0
            ? "[green]none[/]"
            : string.Join(", ", view.ErrorsSoFar.OrderByDescending(e => e.Value).Select(e => $"[red]{e.Key} {e.Value}[/]"));
        var circuits = view.Circuits.Count == 0
            ? "-"
            : string.Join("  ", view.Circuits.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{Markup.Escape(c.Key)} {CircuitMarkup(c.Value)}"));
        table.AddRow(new Markup("[bold]phase[/]"), new Markup(string.Create(CultureInfo.InvariantCulture, $"[bold]{Markup.Escape(tick.Phase)}[/]  {tick.Elapsed.TotalSeconds:0}s of {view.TotalSeconds:0}s")));
        table.AddRow(new Text("arrivals"), new Text(string.Create(CultureInfo.InvariantCulture, $"{tick.AchievedRate:0.0}/s achieved, {tick.TargetRate:0.0}/s target, {tick.InFlight} in flight{(tick.TargetCopies > 0 ? $", {tick.TargetCopies} virtual users target" : "")}")));
        table.AddRow(new Text("last 5 s"), new Text(string.Create(CultureInfo.InvariantCulture, $"{view.Recent.Count} journeys, ok {Percent(view.Recent.SuccessRate)}, p50 {Milliseconds(view.Recent.P50Seconds)}, p99 {Milliseconds(view.Recent.P99Seconds)} (engine's own lag p99 {Milliseconds(view.Recent.LagP99Seconds)})")));
        table.AddRow(new Text("not ok so far"), new Markup(errors));
        table.AddRow(new Text("circuits"), new Markup(circuits));
        table.AddRow(new Text("faults"), new Markup(view.ActiveFaults.Count == 0 ? "[green]none[/]" : $"[yellow]{Markup.Escape(string.Join(", ", view.ActiveFaults))}[/]"));
        return table;
    }

    private static string CircuitMarkup(string state) => state switch
    {
        CircuitStates.Closed => "[green]closed[/]",
        CircuitStates.Open or CircuitStates.Isolated => $"[red]{state}[/]",
        _ => $"[yellow]{Markup.Escape(state)}[/]",
    };

    private static string Percent(double rate) => double.IsNaN(rate) ? "-" : rate.ToString("P1", CultureInfo.InvariantCulture);

    private static string Milliseconds(double seconds) => double.IsFinite(seconds) ? (seconds * 1000).ToString("0", CultureInfo.InvariantCulture) + "ms" : "-";

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
            var mark = e.Skipped ? "[grey]not judged[/]" : !e.Measured ? "[yellow]?[/]" : e.Passed ? "[green]ok[/]" : "[red]FAIL[/]";
            var expected = MetricNames.FormatBounds(e.Metric, e.AtLeast, e.AtMost);
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
        foreach (var e in report.Expectations.Where(e => !e.Passed && !e.Skipped))
        {
            console.MarkupLineInterpolated($"[red]{report.SourcePath}:{e.Line}: {e.Message}[/]");
        }

        if (report.StoppedEarly is { } stopped)
        {
            console.MarkupLineInterpolated($"[grey]stopped early {stopped.Describe()}; {report.Expectations.Count(e => e.Skipped)} expectations were not judged.[/]");
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
