using System.CommandLine;
using Chaos.Cli.Commands;
using Spectre.Console;

namespace Chaos.Cli;

/// <summary>The <c>chaos</c> command line. Usage errors exit 2, like an invalid scenario.</summary>
internal static class ChaosApp
{
    public static RootCommand Create(IAnsiConsole console, TextWriter error, TextWriter? output = null) => new("Chaos: rehearse failure days against a reference storefront and judge how it degrades.")
    {
        RunCommand.Create(console, error),
        ValidateCommand.Create(console, error),
        ListCommand.Create(console, error),
        CompareCommand.Create(console, error),
        MatrixCommand.Create(console, error),
        SimulateCommand.Create(console, error),
        InitCommand.Create(console, error),
        AgentCommand.Create(output ?? System.Console.Out, error),
        RecordCommand.Create(console, error),
    };

    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    public static async Task<int> InvokeAsync(string[] args, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Create(console, error, output);
        var parsed = root.Parse(args);
        // Ctrl-C or SIGTERM cancels the run, which then stops the service and simulators and writes its error report:
        // give that time before System.CommandLine gives up on the handler (its default is 2 s).
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine(parseError.Message);
            }

            error.WriteLine("Run `chaos --help` for usage.");
            return ExitCodes.Invalid;
        }

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The last line of defence: a bug in the harness is a harness error (exit 3), never a verdict.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error.WriteLine($"harness error: {ex.GetType().Name}: {ex.Message}");
            error.WriteLine("This is a bug in Chaos, not in the system under test; please report it with the lines below.");
            error.WriteLine(ex.ToString());
            return ExitCodes.HarnessError;
        }
    }
}
