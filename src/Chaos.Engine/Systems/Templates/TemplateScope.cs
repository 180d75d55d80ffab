namespace Chaos.Engine.Systems.Templates;

/// <summary>
/// The values one journey run renders its templates with: the run's id, the virtual user (its id and seeded random
/// source), the journey's id and the values captured so far. One scope per journey run; not thread-safe (a virtual
/// user runs one journey at a time).
/// </summary>
public sealed class TemplateScope
{
    private readonly string?[] _captures;

    /// <summary>Initializes a new instance of the <see cref="TemplateScope"/> class.</summary>
    /// <param name="runId">The run's id, for <c>{{run.id}}</c>.</param>
    /// <param name="userId">The virtual user's id, for <c>{{user.id}}</c>.</param>
    /// <param name="random">The virtual user's seeded random source, for <c>{{uuid}}</c> and <c>{{random.int(a,b)}}</c>.</param>
    /// <param name="journeyId">The journey's id, for <c>{{journey.id}}</c> (the HTTP journeys use the journey's trace id).</param>
    /// <param name="captureSlots">How many capture slots the journey has (<see cref="JourneyDefinition.CaptureSlots"/>).</param>
    public TemplateScope(string runId, int userId, Random random, string journeyId, int captureSlots)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(journeyId);
        RunId = runId;
        UserId = userId;
        Random = random;
        JourneyId = journeyId;
        _captures = captureSlots == 0 ? [] : new string?[captureSlots];
    }

    /// <summary>Gets the run's id.</summary>
    public string RunId { get; }

    /// <summary>Gets the virtual user's id.</summary>
    public int UserId { get; }

    /// <summary>Gets the virtual user's seeded random source.</summary>
    public Random Random { get; }

    /// <summary>Gets the journey's id.</summary>
    public string JourneyId { get; }

    /// <summary>Gets a captured value, or null when the step that captures it has not run.</summary>
    /// <param name="slot">The capture's slot.</param>
    public string? Captured(int slot) => _captures[slot];

    /// <summary>Sets a captured value.</summary>
    /// <param name="slot">The capture's slot.</param>
    /// <param name="value">The value.</param>
    public void SetCaptured(int slot, string value) => _captures[slot] = value;

    /// <summary>
    /// Draws a version-4 UUID from the seeded random source (not <see cref="Guid.NewGuid"/>), so the same seed gives the
    /// same ids.
    /// </summary>
    public Guid NextUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's byte order keeps the version in byte 7)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
