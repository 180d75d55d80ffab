using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chaos.Simulators.Remote;

/// <summary>
/// The JSON of the simulators' control endpoint: web defaults (camelCase) and enums as strings. Fault rules and
/// journals are serialized from the engine's records as they are, so a new fault kind or field needs no change here.
/// </summary>
public static class ControlJson
{
    /// <summary>Gets the serializer options both ends of the control endpoint use.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
