namespace Chaos.Engine.Scenarios;

/// <summary>
/// Which hosts of a pool a fault targets (<c>hosts:</c>): those carrying every tag given, then a seeded share of them.
/// </summary>
public sealed record HostCohort
{
    /// <summary>Gets the tags a host must carry, every one of them (for example <c>os: windows</c>); empty for any host.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the share of the matching hosts picked (seeded), in (0, 1], or null for all of them.</summary>
    public double? Share { get; init; }

    /// <inheritdoc />
    public bool Equals(HostCohort? other) =>
        other is not null && Share == other.Share && Tags.Count == other.Tags.Count
        && Tags.All(t => other.Tags.TryGetValue(t.Key, out var value) && value == t.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Share, Tags.Count);

    /// <summary>Describes the cohort for messages, like <c>os=windows, share 0.5</c>.</summary>
    public override string ToString()
    {
        var parts = Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}").ToList();
        if (Share is { } share)
        {
            parts.Add($"share {share.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return parts.Count == 0 ? "every host" : string.Join(", ", parts);
    }
}
