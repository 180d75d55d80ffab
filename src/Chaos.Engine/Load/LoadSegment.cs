namespace Chaos.Engine.Load;

/// <summary>
/// The part of a load plan one load agent runs: segment <see cref="Index"/> of <see cref="Sequence"/>. It takes the
/// arrivals of the open model that the sequence stripes to it (the others are skipped, yet still drawn from the plan's
/// seeded journey choice, so each arrival keeps the journey it has in a single engine), and the closed-model virtual users
/// whose slots the sequence stripes to it (each with the seed it has in a single engine).
/// </summary>
/// <param name="Sequence">The split of the load.</param>
/// <param name="Index">This agent's segment, from 0.</param>
public sealed record LoadSegment(ExecutionSegmentSequence Sequence, int Index)
{
    /// <summary>Gets the start of the segment.</summary>
    public Fraction From => Sequence.Boundaries[Index];

    /// <summary>Gets the end of the segment.</summary>
    public Fraction To => Sequence.Boundaries[Index + 1];

    /// <summary>Gets whether this segment runs item <paramref name="index"/> (an arrival, a virtual user's slot).</summary>
    /// <param name="index">The item, from 0.</param>
    /// <returns>Whether it is this segment's.</returns>
    public bool Owns(long index) => Sequence.OwnerOf(index) == Index;

    /// <summary>Gets how many of the items <c>0 .. value-1</c> this segment runs.</summary>
    /// <param name="value">The number of items, for example a closed-model phase's copies.</param>
    /// <returns>This segment's share.</returns>
    public long Share(long value) => Sequence.Share(Index, value);

    /// <summary>Gets <c>i/n (from:to]</c>.</summary>
    public override string ToString() => $"segment {Index} of {Sequence.Count} ({From}:{To}]";
}
