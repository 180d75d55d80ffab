using System.CommandLine;
using System.Globalization;
using Chaos.Engine.Reports;
using Chaos.Engine.Scenarios;
using Spectre.Console;

namespace Chaos.Cli.Commands;

/// <summary>
/// <c>chaos matrix [--scenarios DIR] [--configs DIR]</c>: runs every scenario against every storefront configuration
/// of a folder, each like <c>chaos run</c>, and writes the resiliency matrix (journeys by incident: ok / degraded /
/// down, expected against observed) as <c>matrix.md</c>, <c>matrix.html</c> and <c>matrix.json</c>.
/// </summary>
internal static class MatrixCommand
{
    /// <summary>The settings of a matrix.</summary>
    /// <param name="ScenariosDirectory">The folder of scenario files (<c>*.yaml</c>).</param>
    /// <param name="ConfigsDirectory">The folder of storefront configurations (<c>*.json</c>).</param>
    /// <param name="OutDirectory">Where the matrix and each run's reports go; null for <c>chaos-results/matrix-&lt;UTC timestamp&gt;/</c>.</param>
    /// <param name="Quiet">No progress lines.</param>
    public sealed record Settings(string ScenariosDirectory, string ConfigsDirectory, string? OutDirectory, bool Quiet);

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenarios = new Option<string>("--scenarios") { Description = "The folder of scenario files.", DefaultValueFactory = _ => "scenarios" };
        var configs = new Option<string>("--configs") { Description = "The folder of configurations (*.json): storefront configurations, or for scenarios that name a system file, service configurations (--service-config).", DefaultValueFactory = _ => "configs" };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the matrix and each run's reports. Default: chaos-results/matrix-<UTC timestamp>/." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines (for CI logs)." };
        var command = new Command("matrix", "Run every scenario against every configuration of a folder (the storefront's, or a system file's service's) and write the resiliency matrix.")
        {
            scenarios, configs, output, quiet,
        };
        return command.RunsOnTheSystemClock(
            result => new Settings(result.GetRequiredValue(scenarios), result.GetRequiredValue(configs), result.GetValue(output), result.GetValue(quiet)),
            (parsed, time, cancellationToken) => ExecuteAsync(parsed, console, error, time, cancellationToken));
    }

    /// <summary>Runs the matrix; returns 0 when every run passed, 1 when one failed, 2 for invalid input, 3 when a run could not be judged.</summary>
    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        foreach (var (directory, option, pattern) in new[] { (settings.ScenariosDirectory, "--scenarios", "*.yaml"), (settings.ConfigsDirectory, "--configs", "*.json") })
        {
            if (!Directory.Exists(directory) || Directory.EnumerateFiles(directory, pattern).FirstOrDefault() is null)
            {
                error.WriteLine($"{option} {directory}: no {pattern} files there; pass the folder that holds them (default: {option.TrimStart('-')}).");
                return ExitCodes.Invalid;
            }
        }

        var scenarioFiles = Directory.EnumerateFiles(settings.ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var configFiles = Directory.EnumerateFiles(settings.ConfigsDirectory, "*.json").Order(StringComparer.Ordinal).ToArray();
        var invalid = 0;
        var scenarios = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (var file in scenarioFiles)
        {
            var loaded = ScenarioLoader.LoadFile(file);
            if (!loaded.IsValid)
            {
                ScenarioErrors.Write(error, loaded.Errors);
                invalid++;
                continue;
            }

            scenarios[file] = loaded.Scenario!;
        }

        if (invalid > 0)
        {
            error.WriteLine($"matrix: {invalid} scenario file(s) invalid; fix them first (`chaos validate {settings.ScenariosDirectory}/*.yaml`).");
            return ExitCodes.Invalid;
        }

        var outDirectory = Path.GetFullPath(settings.OutDirectory
            ?? Path.Combine("chaos-results", "matrix-" + time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)));
        var configNames = CompareCommand.UniqueNames(configFiles);
        var runs = new List<(string, string, string, RunReport?)>();
        foreach (var scenario in scenarioFiles)
        {
            foreach (var (config, name) in configFiles.Zip(configNames))
            {
                var runDirectory = Path.Combine(outDirectory, Path.GetFileNameWithoutExtension(scenario), name);
                console.MarkupLineInterpolated($"[bold]matrix[/] {Path.GetFileName(scenario)} with [bold]{name}[/]");
                var (valid, report) = await CompareCommand.RunConfigurationAsync(scenario, scenarios[scenario], config, runDirectory, settings.Quiet, console, error, time, cancellationToken).ConfigureAwait(false);
                if (!valid)
                {
                    error.WriteLine($"matrix: stopped at {config} with {scenario}; fix it and run the matrix again.");
                    return ExitCodes.Invalid;
                }

                runs.Add((scenario, name, runDirectory, report));
            }
        }

        var matrix = ResilienceMatrix.Build(runs);
        var files = ComparisonWriter.WriteAll(matrix, outDirectory);
        WriteMatrix(console, matrix);
        foreach (var file in files)
        {
            console.WriteLine("  " + file);
        }

        return matrix.ExitCode;
    }

    private static void WriteMatrix(IAnsiConsole console, ResilienceMatrix matrix)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("resiliency matrix");
        table.AddColumn("scenario");
        table.AddColumn("journey");
        table.AddColumn("expected");
        foreach (var config in matrix.Configs)
        {
            table.AddColumn(Markup.Escape(config));
        }

        foreach (var row in matrix.Rows)
        {
            var cells = row.Cells.Select(c =>
            {
                var colour = c.Observed switch
                {
                    ResilienceMatrix.Ok => "green",
                    ResilienceMatrix.Degraded => "yellow",
                    ResilienceMatrix.Down => "red",
                    _ => "grey",
                };
                return $"[{colour}]{Markup.Escape(c.Observed)}[/]{(c.Met == false ? " [red](worse than expected)[/]" : "")}";
            });
            table.AddRow([Markup.Escape(row.Scenario), Markup.Escape(row.Journey), Markup.Escape(row.Expected), .. cells]);
        }

        console.Write(table);
        foreach (var run in matrix.Runs.Where(r => r.Reasons.Count > 0))
        {
            console.MarkupLineInterpolated($"[bold]{run.Scenario} × {run.Config}[/]: {run.Verdict.ToString().ToLowerInvariant()}");
            foreach (var reason in run.Reasons)
            {
                console.WriteLine("  " + reason);
            }
        }
    }
}
