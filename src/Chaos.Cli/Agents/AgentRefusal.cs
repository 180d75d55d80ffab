using System.Text.Json;
using Chaos.Engine.Metrics;

namespace Chaos.Cli.Agents;

/// <summary>A refusal by the coordinator, read by the agent and printed as is.</summary>
/// <param name="Error">What is wrong and how to fix it.</param>
internal sealed record AgentRefusal(string Error);
