using System.Text.Json;
using Chaos.Engine.Metrics;

namespace Chaos.Cli.Agents;

/// <summary>The coordinator's answer at the start barrier.</summary>
/// <param name="StartAt">The instant (UTC) every agent starts its segment.</param>
internal sealed record AgentStart(DateTimeOffset StartAt);
