using System.CommandLine;
using Spectre.Console;

namespace Chaos.Cli.Commands;

/// <summary>
/// <c>chaos init [DIR]</c>: copies the incident library that ships with chaos (the <c>scenarios/</c> folder next to
/// <c>chaos.dll</c>, the repository's <c>scenarios/</c>) into <c>DIR/scenarios/</c>, so that <c>chaos list</c> and
/// <c>chaos run scenarios/payment-gateway-down.yaml</c> work where an installed tool is used. Files already there are kept.
/// </summary>
internal static class InitCommand
{
    /// <summary>The folder of the shipped scenarios, next to the tool's assembly.</summary>
    public static string ShippedScenariosDirectory => Path.Combine(AppContext.BaseDirectory, "scenarios");

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var directory = new Argument<string>("directory") { Description = "The folder to write scenarios/ into.", DefaultValueFactory = _ => "." };
        var command = new Command("init", "Copy the shipped incident library (scenario files, their schemas and format manual) into DIR/scenarios/; existing files are kept.") { directory };
        command.SetAction(result => Execute(result.GetRequiredValue(directory), console, error));
        return command;
    }

    public static int Execute(string directory, IAnsiConsole console, TextWriter error)
    {
        var source = ShippedScenariosDirectory;
        if (!Directory.Exists(source))
        {
            error.WriteLine($"{source}: the shipped scenarios are missing from this installation of chaos; reinstall the tool (dotnet tool update chaos).");
            return ExitCodes.HarnessError;
        }

        var target = Path.GetFullPath(Path.Combine(directory, "scenarios"));
        try
        {
            Directory.CreateDirectory(target);
            var written = 0;
            foreach (var file in Directory.EnumerateFiles(source).Order(StringComparer.Ordinal))
            {
                var destination = Path.Combine(target, Path.GetFileName(file));
                if (File.Exists(destination))
                {
                    console.MarkupLineInterpolated($"[grey]kept[/]  {destination}");
                    continue;
                }

                File.Copy(file, destination);
                written++;
                console.MarkupLineInterpolated($"[green]wrote[/] {destination}");
            }

            console.WriteLine($"{written} file(s) written to {target}; next: chaos list, then chaos run scenarios/payment-gateway-down.yaml");
            return ExitCodes.Pass;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{directory}: cannot write {target} ({ex.Message.TrimEnd('.')}); pass a folder you can write to.");
            return ExitCodes.Invalid;
        }
    }
}
