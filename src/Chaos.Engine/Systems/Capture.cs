using Chaos.Engine.Systems.Templates;

namespace Chaos.Engine.Systems;

/// <summary>A value taken from a step's JSON answer into a capture slot, for later steps' <c>{{capture.name}}</c>.</summary>
/// <param name="Name">The capture's name.</param>
/// <param name="Slot">Its slot in the journey's captured values.</param>
/// <param name="Path">Where the value is in the answer.</param>
public sealed record Capture(string Name, int Slot, JsonPathLite Path);
