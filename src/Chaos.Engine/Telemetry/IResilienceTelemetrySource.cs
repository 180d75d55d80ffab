namespace Chaos.Engine.Telemetry;

/// <summary>
/// Reads a service's own Polly v8 telemetry while a run goes on, without changing the service. A source never throws
/// into the run: when it cannot read (not .NET, no diagnostics port, no Polly), <see cref="StartAsync"/> says so.
/// </summary>
/// <remarks>Thread-safe: <see cref="Events"/> may be read while events arrive.</remarks>
public interface IResilienceTelemetrySource : IAsyncDisposable
{
    /// <summary>Starts listening; events from then on are kept.</summary>
    /// <param name="cancellationToken">Stops waiting for the service to accept the session.</param>
    /// <returns>Whether the source listens (the session is open), and if not why.</returns>
    Task<ResilienceTelemetryStatus> StartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Gets the status: <see cref="ResilienceTelemetryStatus.NotStarted"/> before <see cref="StartAsync"/>; then
    /// available once the service has published Polly's instrument (when it first builds a pipeline, often at its first
    /// call to the dependency), else unavailable with the reason. Read it when the run ends to report expectations on
    /// the service's resilience as "not measured".
    /// </summary>
    ResilienceTelemetryStatus Status { get; }

    /// <summary>Gets a snapshot of the events seen so far, in the order they arrived.</summary>
    IReadOnlyList<ResilienceEvent> Events { get; }
}
