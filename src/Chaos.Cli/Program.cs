using Chaos.Cli;
using Spectre.Console;

// Piped output (CI logs) has no terminal width; Spectre would wrap tables and progress lines at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 160;
}

return await ChaosApp.InvokeAsync(args, AnsiConsole.Console, Console.Out, Console.Error);
