using System.Text.Json;
using Chaos.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests;

/// <summary>Runs a scenario through the same code path as <c>chaos run</c> and keeps what it printed and wrote.</summary>
internal sealed record ScenarioRun(int ExitCode, string Output, string Errors, JsonDocument? Report, string OutDirectory)
{
    public static Task<ScenarioRun> ExecuteAsync(string scenarioPath, params (string Name, string Json)[] storefrontConfig) =>
        ExecuteAsync(scenarioPath, failFast: false, storefrontConfig);

    /// <summary>
    /// Runs a scenario with <c>--fail-fast</c>: for a setting that breaks an expectation of an early phase, the run stops
    /// once that phase is judged instead of playing the rest of the timeline.
    /// </summary>
    public static Task<ScenarioRun> ExecuteFailFastAsync(string scenarioPath, params (string Name, string Json)[] storefrontConfig) =>
        ExecuteAsync(scenarioPath, failFast: true, storefrontConfig);

    private static async Task<ScenarioRun> ExecuteAsync(string scenarioPath, bool failFast, (string Name, string Json)[] storefrontConfig)
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", Path.GetFileNameWithoutExtension(scenarioPath) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outDirectory);
        var configFiles = new List<string>();
        foreach (var (name, json) in storefrontConfig)
        {
            var file = Path.Combine(outDirectory, name);
            await File.WriteAllTextAsync(file, json);
            configFiles.Add(file);
        }

        var console = new TestConsole();
        console.Profile.Width = 200;
        using var errors = new StringWriter();
        var exitCode = await RunCommand.ExecuteAsync(
            new RunCommand.Settings(scenarioPath, outDirectory, configFiles, Quiet: true) { FailFast = failFast },
            console,
            errors,
            TimeProvider.System,
            TestContext.Current.CancellationToken);
        var reportPath = Path.Combine(outDirectory, "report.json");
        var report = File.Exists(reportPath) ? JsonDocument.Parse(await File.ReadAllTextAsync(reportPath)) : null;
        return new ScenarioRun(exitCode, console.Output, errors.ToString(), report, outDirectory);
    }

    /// <summary>Runs a scenario that names a system file, with <c>--service-env</c> pairs for the service chaos starts.</summary>
    public static async Task<ScenarioRun> ExecuteSystemAsync(string scenarioPath, params string[] serviceEnv)
    {
        var outDirectory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", Path.GetFileNameWithoutExtension(scenarioPath) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var console = new TestConsole();
        console.Profile.Width = 200;
        using var errors = new StringWriter();
        var exitCode = await RunCommand.ExecuteAsync(
            new RunCommand.Settings(scenarioPath, outDirectory, [], Quiet: true, ServiceEnv: serviceEnv),
            console,
            errors,
            TimeProvider.System,
            TestContext.Current.CancellationToken);
        var reportPath = Path.Combine(outDirectory, "report.json");
        var report = File.Exists(reportPath) ? JsonDocument.Parse(await File.ReadAllTextAsync(reportPath)) : null;
        return new ScenarioRun(exitCode, console.Output, errors.ToString(), report, outDirectory);
    }

    public string Verdict => Report?.RootElement.GetProperty("verdict").GetString() ?? "(no report)";

    /// <summary>The failed expectations as "phase journey-or-dependency metric".</summary>
    public IReadOnlyList<string> FailedExpectations => Report is null ? [] : Report.RootElement.GetProperty("expectations").EnumerateArray()
        .Where(e => !e.GetProperty("passed").GetBoolean() && !e.GetProperty("skipped").GetBoolean())
        .Select(e => $"{e.GetProperty("phase").GetString()} {Subject(e)} {e.GetProperty("metric").GetString()}")
        .ToArray();

    /// <summary>When the run stopped its load early (<c>--fail-fast</c>), in seconds, or null when it ran to its end.</summary>
    public double? StoppedEarlyAt => Report?.RootElement.GetProperty("stoppedEarly") is { ValueKind: JsonValueKind.Object } stopped ? stopped.GetProperty("atSeconds").GetDouble() : null;

    /// <summary>The failed invariants by name.</summary>
    public IReadOnlyList<string> FailedInvariants => Report is null ? [] : Report.RootElement.GetProperty("invariants").EnumerateArray()
        .Where(i => !i.GetProperty("passed").GetBoolean())
        .Select(i => i.GetProperty("name").GetString()!)
        .ToArray();

    /// <summary>Everything a person needs when an assertion on this run fails.</summary>
    public override string ToString() => $"exit {ExitCode}, verdict {Verdict}, reports in {OutDirectory}\n{Output}\n{Errors}";

    private static string Subject(JsonElement e) =>
        e.GetProperty("journey").GetString() ?? e.GetProperty("dependency").GetString() ?? "all";
}
