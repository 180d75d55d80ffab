using System.CommandLine;
using System.Globalization;
using Chaos.Engine.Scenarios;
using Spectre.Console;

namespace Chaos.Cli.Commands;

/// <summary><c>chaos list [DIR]</c>: the scenarios in a folder with their incident and duration.</summary>
internal static class ListCommand
{
    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var directory = new Argument<string>("directory") { Description = "The folder of scenario files.", DefaultValueFactory = _ => "scenarios" };
        var command = new Command("list", "List the scenarios in a folder with the incident each replays and its duration.") { directory };
        command.SetAction(result => Execute(result.GetRequiredValue(directory), console, error));
        return command;
    }

    public static int Execute(string directory, IAnsiConsole console, TextWriter error)
    {
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"{directory}: no such folder; pass the folder that holds the scenario files (default: scenarios).");
            return ExitCodes.Invalid;
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("scenario");
        table.AddColumn("incident");
        table.AddColumn("duration");
        var invalid = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var result = ScenarioLoader.LoadFile(file);
            if (result.Scenario is { } scenario && result.IsValid)
            {
                table.AddRow(new Text(scenario.Name), new Text(scenario.Incident), new Text(scenario.Duration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s"));
            }
            else
            {
                invalid++;
                table.AddRow(new Text(Path.GetFileName(file)), new Markup($"[red]invalid: {result.Errors.Count} error(s); run chaos validate {Markup.Escape(file)}[/]"), new Text("-"));
            }
        }

        console.Write(table);
        return invalid > 0 ? ExitCodes.Invalid : ExitCodes.Pass;
    }
}
