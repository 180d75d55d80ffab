using System.CommandLine;
using Chaos.Engine.Scenarios;
using Spectre.Console;

namespace Chaos.Cli.Commands;

/// <summary><c>chaos validate FILE...</c>: checks scenario files without running them.</summary>
internal static class ValidateCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files to check (or names of shipped scenarios, like payment-gateway-down).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario files and print every error with its file, line and field.") { files };
        command.SetAction(result => Execute(result.GetRequiredValue(files), console, error));
        return command;
    }

    public static int Execute(IReadOnlyList<string> files, IAnsiConsole console, TextWriter error)
    {
        var failed = 0;
        foreach (var file in files)
        {
            var result = ScenarioLoader.LoadFile(ScenarioErrors.Resolve(file));
            if (result.IsValid)
            {
                console.MarkupLineInterpolated($"[green]ok[/] {file}");
                continue;
            }

            failed++;
            ScenarioErrors.Write(error, result.Errors);
        }

        if (failed > 0)
        {
            error.WriteLine($"{failed} of {files.Count} file(s) invalid.");
            return ExitCodes.Invalid;
        }

        return ExitCodes.Pass;
    }
}
