namespace Chaos.Cli.Agents;

/// <summary>
/// One reading of the coordinator's clock by an agent, NTP's way: sent and received on the agent's clock, the
/// coordinator's time in between. The coordinator's start instant is on its clock; an agent on another host starts at
/// that instant less <see cref="Offset"/> on its own, so a skew between the hosts' clocks does not shift its segment.
/// </summary>
/// <param name="Sent">When the agent sent the request, on its clock.</param>
/// <param name="CoordinatorNow">The coordinator's time in its answer.</param>
/// <param name="Received">When the agent had the answer, on its clock.</param>
internal readonly record struct ClockSample(DateTimeOffset Sent, DateTimeOffset CoordinatorNow, DateTimeOffset Received)
{
    /// <summary>Gets the request's round trip.</summary>
    public TimeSpan RoundTrip => Received - Sent;

    /// <summary>
    /// Gets how far the coordinator's clock is ahead of the agent's, taking the coordinator's reading to be at the middle
    /// of the round trip; it is wrong by at most half the round trip.
    /// </summary>
    public TimeSpan Offset => CoordinatorNow - (Sent + (RoundTrip / 2));

    /// <summary>Gets an offset as messages write it: milliseconds with two decimals and a sign (<c>+0.12 ms</c>, <c>-3.40 ms</c>).</summary>
    /// <param name="offset">The offset.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan offset)
    {
        // Adding 0.0 turns a negative zero (an offset that rounds to nothing) into a plain one.
        var milliseconds = Math.Round(offset.TotalMilliseconds, 2) + 0.0;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(milliseconds >= 0 ? "+" : "")}{milliseconds:0.00} ms");
    }

    /// <summary>Gets the reading with the shortest round trip, whose offset is the most certain.</summary>
    /// <param name="samples">At least one reading.</param>
    /// <returns>That reading.</returns>
    public static ClockSample Best(IReadOnlyCollection<ClockSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("No reading of the coordinator's clock.", nameof(samples));
        }

        return samples.MinBy(s => s.RoundTrip);
    }
}
