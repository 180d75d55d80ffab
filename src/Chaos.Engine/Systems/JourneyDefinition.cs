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
