using System.Text.Json;
using Chaos.Engine.Metrics;

namespace Chaos.Cli.Agents;

/// <summary>An agent that could not run its segment, and why.</summary>
/// <param name="Index">The agent's segment.</param>
/// <param name="Message">What went wrong.</param>
internal sealed record AgentFailure(int Index, string Message);
