using System.CommandLine;

namespace Chaos.Cli.Commands;

/// <summary>How a command's action runs: its settings read from the command line, then run on the machine's clock.</summary>
internal static class CommandActions
{
    /// <summary>
    /// Sets the action of <paramref name="command"/>: reads its settings from the parse result and runs them with
    /// <see cref="TimeProvider.System"/>, the one place where a command's time comes from the machine (tests call the
    /// command's <c>ExecuteAsync</c> with a clock of their own).
    /// </summary>
    /// <returns>The command, for the caller to return.</returns>
    public static Command RunsOnTheSystemClock<TSettings>(
        this Command command, Func<ParseResult, TSettings> settings, Func<TSettings, TimeProvider, CancellationToken, Task<int>> execute)
    {
        command.SetAction((result, cancellationToken) => execute(settings(result), TimeProvider.System, cancellationToken));
        return command;
    }
}
