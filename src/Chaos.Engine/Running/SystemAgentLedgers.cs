using System.Text.Json;
using Chaos.Engine.Journeys.Http;

namespace Chaos.Engine.Running;

/// <summary>
/// What a load agent running a system file's journeys sends back besides its recorder: each journey it ran with its
/// trace id, so that its coordinator judges <c>atMostOnce</c>, amplification and retries from the simulators' journals
/// as for journeys it ran itself.
/// </summary>
/// <param name="Traces">The agent's journeys, in the order they ended.</param>
public sealed record SystemAgentLedgers(IReadOnlyList<JourneyTrace> Traces)
{
    /// <summary>Gets an agent's ledgers, in the JSON form <see cref="IAgentLedgers.AddAgentLedgers"/> of a system run reads.</summary>
    /// <param name="traces">The agent's journeys.</param>
    /// <returns>The ledgers as JSON.</returns>
    public static JsonElement Export(JourneyTraceLedger traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        return JsonSerializer.SerializeToElement(new SystemAgentLedgers(traces.Snapshot()), AgentJson.Options);
    }
}
