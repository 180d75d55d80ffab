using System.Text.Json;

namespace Chaos.Engine.Running;

/// <summary>A target run whose ledgers load agents add to, so that reconciliation sees every agent's journeys.</summary>
public interface IAgentLedgers
{
    /// <summary>Adds one agent's ledgers, as the agent exported them (times from the start of the load).</summary>
    /// <param name="ledgers">The agent's ledgers, in the target's own JSON form.</param>
    /// <exception cref="System.Text.Json.JsonException">They are not this target's ledgers.</exception>
    void AddAgentLedgers(JsonElement ledgers);
}
