using System.CommandLine;
using System.Globalization;
using Chaos.Cli.Console;
using Chaos.Cli.Hosting;
using Chaos.Engine.Reports;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Chaos.Cli.Commands;

/// <summary><c>chaos run SCENARIO</c>: replays a scenario against the storefront and its simulators, and judges it.</summary>
internal static class RunCommand
{
    /// <summary>The settings of one run.</summary>
    /// <param name="ScenarioPath">The scenario file.</param>
    /// <param name="OutDirectory">Where the reports go; null for <c>chaos-results/&lt;scenario&gt;/&lt;UTC timestamp&gt;/</c>.</param>
    /// <param name="StorefrontConfig">appsettings-style JSON files layered over the storefront's configuration.</param>
    /// <param name="Quiet">No progress lines.</param>
    public sealed record Settings(string ScenarioPath, string? OutDirectory, IReadOnlyList<string> StorefrontConfig, bool Quiet);

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file, for example scenarios/payment-gateway-down.yaml." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the reports. Default: chaos-results/<scenario>/<UTC timestamp>/." };
        var storefrontConfig = new Option<string[]>("--storefront-config")
        {
            Description = "An appsettings-style JSON file layered over the storefront's configuration (repeatable; later files win).",
            AllowMultipleArgumentsPerToken = false,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines (for CI logs)." };
        var command = new Command("run", "Replay a scenario against the storefront and its simulated dependencies, then judge it.")
        {
            scenario, output, storefrontConfig, quiet,
        };
        command.SetAction((result, cancellationToken) => ExecuteAsync(
            new Settings(
                result.GetRequiredValue(scenario),
                result.GetValue(output),
                result.GetValue(storefrontConfig) ?? [],
                result.GetValue(quiet)),
            console,
            error,
            TimeProvider.System,
            cancellationToken));
        return command;
    }

    /// <summary>Runs a scenario; returns the exit code.</summary>
    public static async Task<int> ExecuteAsync(Settings settings, IAnsiConsole console, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var loaded = ScenarioLoader.LoadFile(settings.ScenarioPath);
        if (!loaded.IsValid || loaded.Scenario is not { } scenario)
        {
            ScenarioErrors.Write(error, loaded.Errors);
            error.WriteLine($"{settings.ScenarioPath}: {loaded.Errors.Count} error(s); fix them and run again (`chaos validate` checks a file without running it).");
            return ExitCodes.Invalid;
        }

        foreach (var file in settings.StorefrontConfig)
        {
            if (!File.Exists(file))
            {
                error.WriteLine($"--storefront-config {file}: no such file; pass the path of an appsettings-style JSON file.");
                return ExitCodes.Invalid;
            }
        }

        var outDirectory = Path.GetFullPath(settings.OutDirectory
            ?? Path.Combine("chaos-results", scenario.Name, time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)));
        var view = new RunConsole(console, settings.Quiet);
        view.Starting(scenario, outDirectory);

        LocalEnvironment environment;
        try
        {
            environment = await LocalEnvironment.StartAsync(scenario.Seed, Path.Combine(outDirectory, "storefront"), settings.StorefrontConfig, cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException ex)
        {
            error.WriteLine($"The storefront rejected its configuration ({string.Join(", ", settings.StorefrontConfig.DefaultIfEmpty("defaults"))}):");
            foreach (var failure in ex.Failures)
            {
                error.WriteLine($"  {failure}");
            }

            return ExitCodes.Invalid;
        }
        catch (InvalidDataException ex)
        {
            error.WriteLine($"A --storefront-config file is not valid JSON: {ex.Message}");
            return ExitCodes.Invalid;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            error.WriteLine($"harness error: could not start the storefront and its simulators: {ex.Message}");
            return ExitCodes.HarnessError;
        }

        RunReport report;
        await using (environment.ConfigureAwait(false))
        {
            var runner = new ScenarioRunner(time);
            report = await view.RunAsync(onTick => runner.RunAsync(scenario, environment.Target, onTick, cancellationToken)).ConfigureAwait(false);
        }

        report = report with { StorefrontConfig = settings.StorefrontConfig.Select(Path.GetFullPath).ToArray() };
        var files = ReportWriter.WriteAll(report, outDirectory);
        view.Finished(report, files);
        return report.ExitCode;
    }
}
