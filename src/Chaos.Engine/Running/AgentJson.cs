using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chaos.Engine.Running;

/// <summary>How load agents and their coordinator write what they exchange: web defaults, enums by name.</summary>
public static class AgentJson
{
    /// <summary>Gets the serializer options of every message between agents and coordinator.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
