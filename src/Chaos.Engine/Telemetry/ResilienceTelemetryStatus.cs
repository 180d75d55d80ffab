namespace Chaos.Engine.Telemetry;

/// <summary>Whether a <see cref="IResilienceTelemetrySource"/> reads, and if not the reason to report as "not measured".</summary>
/// <param name="IsAvailable">Whether events can arrive.</param>
/// <param name="Reason">Why not, naming the process and what to do; <see langword="null"/> when available.</param>
public sealed record ResilienceTelemetryStatus(bool IsAvailable, string? Reason)
{
    /// <summary>Gets the status of a source not started yet.</summary>
    public static ResilienceTelemetryStatus NotStarted { get; } = new(false, "the telemetry source was not started");

    /// <summary>Gets the status of a source that reads.</summary>
    public static ResilienceTelemetryStatus Available { get; } = new(true, null);

    /// <summary>A source that cannot read, with the reason.</summary>
    /// <param name="reason">Why, naming the process and what to do.</param>
    /// <returns>The status.</returns>
    public static ResilienceTelemetryStatus Unavailable(string reason) => new(false, reason);
}
