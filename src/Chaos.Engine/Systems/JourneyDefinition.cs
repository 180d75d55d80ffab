using Chaos.Engine.Systems.Templates;

namespace Chaos.Engine.Systems;

/// <summary>A journey of a system file: HTTP steps run in order, stopping at the first that fails.</summary>
public sealed record JourneyDefinition
{
    /// <summary>Gets the journey's name, as the scenario's journey mix names it.</summary>
    public required string Name { get; init; }

    /// <summary>Gets its steps, at least one.</summary>
    public required IReadOnlyList<JourneyStep> Steps { get; init; }

    /// <summary>Gets how many distinct capture names its steps use; a run keeps one slot per name.</summary>
    public int CaptureSlots { get; init; }
}

/// <summary>One HTTP request of a journey, with the statuses that decide its outcome and the values it captures.</summary>
public sealed record JourneyStep
{
    /// <summary>Gets the step's name, used in failure details (<c>transfer: 500</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path template, relative to the service's base URL (it starts with <c>/</c>).</summary>
    public required Template Path { get; init; }

    /// <summary>Gets the request headers, name and value template, in file order.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<KeyValuePair<string, Template>> Headers { get; init; } = [];

    /// <summary>Gets the JSON body template, or null for a request without a body.</summary>
    public JsonBodyTemplate? Body { get; init; }

    /// <summary>Gets the statuses that count as success.</summary>
    /// <value>Defaults to every 2xx.</value>
    public StatusSet Success { get; init; } = StatusSet.Successful;

    /// <summary>Gets the statuses that count as an honest degradation, or null for the default: 503 or 429 with <c>Retry-After</c>.</summary>
    public StatusSet? Degraded { get; init; }

    /// <summary>Gets the values taken from the JSON answer when the step succeeds, in file order.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyList<Capture> Captures { get; init; } = [];
}

/// <summary>A value taken from a step's JSON answer into a capture slot, for later steps' <c>{{capture.name}}</c>.</summary>
/// <param name="Name">The capture's name.</param>
/// <param name="Slot">Its slot in the journey's captured values.</param>
/// <param name="Path">Where the value is in the answer.</param>
public sealed record Capture(string Name, int Slot, JsonPathLite Path);
