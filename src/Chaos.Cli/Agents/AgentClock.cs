namespace Chaos.Cli.Agents;

/// <summary>The coordinator's clock, as <c>GET agents/{i}/clock</c> answers it.</summary>
/// <param name="Now">The coordinator's time (UTC) when it answered.</param>
internal sealed record AgentClock(DateTimeOffset Now);
