namespace Chaos.Cli.Agents;

/// <summary>Why an agent stops, with its exit code.</summary>
internal sealed class AgentException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
