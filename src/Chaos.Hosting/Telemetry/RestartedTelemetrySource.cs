using Chaos.Engine.Telemetry;

namespace Chaos.Hosting.Telemetry;

/// <summary>
/// The Polly telemetry of a service that a <c>kind: crash</c> fault kills and starts again: one EventPipe session per
/// process, read as one source. Its events are those of every session so far, in time order; it reads while its
/// latest session does.
/// </summary>
/// <remarks>Thread-safe: a restart attaches a session while the run reads events.</remarks>
internal sealed class RestartedTelemetrySource : IResilienceTelemetrySource
{
    private readonly Lock _gate = new();
    private readonly List<IResilienceTelemetrySource> _sessions = [];

    /// <summary>Initializes a new instance of the <see cref="RestartedTelemetrySource"/> class with the first process's session.</summary>
    /// <param name="first">The session of the process started first, not started yet.</param>
    public RestartedTelemetrySource(IResilienceTelemetrySource first) => _sessions.Add(first);

    /// <inheritdoc />
    public ResilienceTelemetryStatus Status
    {
        get
        {
            var statuses = Sessions().Select(s => s.Status).ToArray();
            return statuses.FirstOrDefault(s => s.IsAvailable) ?? statuses[^1];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ResilienceEvent> Events => [.. Sessions().SelectMany(s => s.Events).OrderBy(e => e.At)];

    /// <inheritdoc />
    public Task<ResilienceTelemetryStatus> StartAsync(CancellationToken cancellationToken) => Sessions()[0].StartAsync(cancellationToken);

    /// <summary>Starts reading the process that replaced the last one.</summary>
    /// <param name="next">Its session, not started yet; disposed with this source.</param>
    /// <param name="cancellationToken">Stops waiting for the process to accept the session.</param>
    /// <returns>Whether the new session reads, and if not why.</returns>
    public async Task<ResilienceTelemetryStatus> AttachAsync(IResilienceTelemetrySource next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (_gate)
        {
            _sessions.Add(next);
        }

        return await next.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var session in Sessions())
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IResilienceTelemetrySource[] Sessions()
    {
        lock (_gate)
        {
            return [.. _sessions];
        }
    }
}
