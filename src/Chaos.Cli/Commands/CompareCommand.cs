using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Chaos.Engine.Judging;
using Chaos.Engine.Reports;
using Chaos.Engine.Scenarios;
using Spectre.Console;

namespace Chaos.Cli.Commands;

/// <summary>
/// <c>chaos compare SCENARIO --storefront-config A --storefront-config B ...</c>: runs the same scenario, seed and load
/// against each storefront configuration in turn, exactly as <c>chaos run</c> with that one file, and writes the runs
/// side by side (<c>compare.md</c>, <c>compare.html</c>, <c>compare.json</c>).
/// </summary>
internal static class CompareCommand
{
    /// <summary>The settings of a comparison.</summary>
    /// <param name="ScenarioPath">The scenario file.</param>
    /// <param name="Configs">The storefront configuration files, one run each, in this order.</param>
    /// <param name="OutDirectory">Where the comparison and each run's reports go (one folder per configuration); null for <c>chaos-results/&lt;scenario&gt;/compare-&lt;UTC timestamp&gt;/</c>.</param>
    /// <param name="Quiet">No progress lines.</param>
    /// <param name="ServiceConfigs">For a scenario that rehearses a system file: the service configuration files, one run each, in this order; null for none.</param>
    public sealed record Settings(string ScenarioPath, IReadOnlyList<string> Configs, string? OutDirectory, bool Quiet, IReadOnlyList<string>? ServiceConfigs = null);

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file, for example scenarios/payment-gateway-down.yaml, or the name of a shipped one (payment-gateway-down)." };
        var configs = new Option<string[]>("--storefront-config")
        {
            Description = "A storefront configuration to compare (appsettings-style JSON, for example configs/tuned.json); repeat it once per configuration.",
            AllowMultipleArgumentsPerToken = false,
        };
        var serviceConfigs = new Option<string[]>("--service-config")
        {
            Description = "For a scenario that names a system file: a service configuration to compare (appsettings-style JSON whose values reach the service as environment variables); repeat it once per configuration.",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the comparison and each run's reports. Default: chaos-results/<scenario>/compare-<UTC timestamp>/." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines (for CI logs)." };
        var command = new Command("compare", "Run one scenario against several storefront configurations and compare them side by side.")
        {
            scenario, configs, serviceConfigs, output, quiet,
        };
        return command.RunsOnTheSystemClock(
            result => new Settings(result.GetRequiredValue(scenario), result.GetValue(configs) ?? [], result.GetValue(output), result.GetValue(quiet), result.GetValue(serviceConfigs) ?? []),
            (parsed, time, cancellationToken) => ExecuteAsync(parsed, console, error, time, cancellationToken));
    }

    /// <summary>Runs the comparison; returns 0 when every configuration passed, 1 when one failed, 2 for invalid input, 3 when a run could not be judged.</summary>
    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ScenarioErrors.Load(settings.ScenarioPath, error) is not { } scenario)
        {
            return ExitCodes.Invalid;
        }

        var serviceConfigs = settings.ServiceConfigs ?? [];
        if (scenario.System is { } system)
        {
            if (settings.Configs.Count > 0 || serviceConfigs.Count == 0)
            {
                error.WriteLine($"{scenario.SourcePath} rehearses {system.Name} (system: {system.SourcePath}): compare it with one --service-config FILE per configuration "
                    + "(appsettings-style JSON whose values reach the service as environment variables, like { \"Bank\": { \"RetryPosts\": false } }); --storefront-config is for the storefront.");
                return ExitCodes.Invalid;
            }
        }
        else if (serviceConfigs.Count > 0)
        {
            error.WriteLine($"--service-config applies only to a scenario that names a system file; {scenario.SourcePath} runs the storefront, compare it with --storefront-config.");
            return ExitCodes.Invalid;
        }
        else if (settings.Configs.Count == 0)
        {
            error.WriteLine("compare needs at least one --storefront-config FILE (usually two or more, for example configs/naive.json and configs/tuned.json).");
            return ExitCodes.Invalid;
        }

        var configsCompared = scenario.System is null ? settings.Configs : serviceConfigs;
        if (MissingFile(configsCompared, scenario.System is null ? "--storefront-config" : "--service-config", error))
        {
            return ExitCodes.Invalid;
        }

        var outDirectory = Path.GetFullPath(settings.OutDirectory
            ?? Path.Combine("chaos-results", scenario.Name, "compare-" + time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)));
        var runs = new List<ConfigRun>();
        foreach (var (config, name) in configsCompared.Zip(UniqueNames(configsCompared)))
        {
            var runDirectory = Path.Combine(outDirectory, name);
            console.MarkupLineInterpolated($"[bold]compare[/] {scenario.Name} with [bold]{name}[/] ({config})");
            var (valid, report) = await RunConfigurationAsync(settings.ScenarioPath, scenario, config, runDirectory, settings.Quiet, console, error, time, cancellationToken).ConfigureAwait(false);
            if (!valid)
            {
                error.WriteLine($"compare: stopped at {config}; fix it and run the comparison again.");
                return ExitCodes.Invalid;
            }

            runs.Add(new ConfigRun(name, [Path.GetFullPath(config)], runDirectory, report));
        }

        var comparison = ComparisonReport.Build(runs);
        var files = ComparisonWriter.WriteAll(comparison, outDirectory);
        WriteSummary(console, comparison.Configs, files);
        return comparison.ExitCode;
    }

    /// <summary>Names configurations after their files (without extension), numbered when two files share a name.</summary>
    internal static IReadOnlyList<string> UniqueNames(IReadOnlyList<string> files)
    {
        var names = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var unique = name;
            for (var i = 2; names.Contains(unique, StringComparer.Ordinal); i++)
            {
                unique = $"{name}-{i}";
            }

            names.Add(unique);
        }

        return names;
    }

    /// <summary>
    /// Runs the scenario at <paramref name="scenarioPath"/> with one configuration exactly as <c>chaos run</c> with that
    /// file would, its reports in <paramref name="runDirectory"/>. Returns <c>Valid: false</c> when the run refused its
    /// input (it has said why); otherwise the run's report, or null (said on <paramref name="error"/>) when it wrote none
    /// that can be read.
    /// </summary>
    internal static async Task<(bool Valid, RunReport? Report)> RunConfigurationAsync(
        string scenarioPath, Scenario scenario, string config, string runDirectory, bool quiet, IAnsiConsole console, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var exit = await RunCommand.ExecuteAsync(RunCommand.ForConfiguration(scenarioPath, scenario, config, runDirectory, quiet), console, error, time, cancellationToken).ConfigureAwait(false);
        return exit == ExitCodes.Invalid ? (false, null) : (true, ReadReport(runDirectory, error));
    }

    /// <summary>Reads a run's <c>report.json</c>, or null (with a line on <paramref name="error"/>) when it is missing or unreadable.</summary>
    private static RunReport? ReadReport(string runDirectory, TextWriter error)
    {
        var path = Path.Combine(runDirectory, "report.json");
        if (!File.Exists(path))
        {
            error.WriteLine($"{path}: the run wrote no report; it counts as a harness error.");
            return null;
        }

        try
        {
            return ReportWriter.FromJson(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            error.WriteLine($"{path}: not a run report ({ex.Message}); it counts as a harness error.");
            return null;
        }
    }

    internal static bool MissingFile(IEnumerable<string> configs, string option, TextWriter error)
    {
        var missing = configs.Where(c => !File.Exists(c)).ToArray();
        foreach (var file in missing)
        {
            error.WriteLine(option == "--storefront-config"
                ? $"--storefront-config {file}: no such file; pass the path of an appsettings-style JSON file (configs/ has tuned.json, standard.json and naive.json)."
                : $"{option} {file}: no such file; pass the path of an appsettings-style JSON file.");
        }

        return missing.Length > 0;
    }

    internal static void WriteSummary(IAnsiConsole console, IReadOnlyList<ComparedConfig> configs, IReadOnlyList<string> files)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("comparison");
        table.AddColumn("configuration");
        table.AddColumn("verdict");
        table.AddColumn("why");
        foreach (var config in configs)
        {
            var verdict = config.Verdict switch
            {
                Verdict.Pass => "[green]pass[/]",
                Verdict.Fail => "[red]FAIL[/]",
                _ => "[purple]ERROR[/]",
            };
            table.AddRow(Markup.Escape(config.Name), verdict, Markup.Escape(config.Reasons.Count == 0 ? "degraded as designed" : string.Join("\n", config.Reasons)));
        }

        console.Write(table);
        foreach (var file in files)
        {
            console.WriteLine("  " + file);
        }
    }
}
