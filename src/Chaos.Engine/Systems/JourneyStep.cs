using Chaos.Engine.Systems.Templates;

namespace Chaos.Engine.Systems;

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
