using System.Diagnostics.Tracing;
using System.Globalization;
using Chaos.Engine.Telemetry;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Chaos.Hosting.Telemetry;

/// <summary>
/// Polly's telemetry of a .NET process Chaos started, read over its diagnostics port as <c>dotnet-counters</c> does:
/// an EventPipe session with the provider <c>System.Diagnostics.Metrics</c> for the meter <c>Polly</c>, whose
/// <c>CounterRateValuePublished</c> events carry each (event, pipeline, strategy) count per refresh interval. Nothing in
/// the service changes. Events are stamped with the run's clock at the session's start plus their offset in the
/// trace, so at <see cref="RefreshInterval"/> resolution: the end of the interval in which they happened (all the events
/// of one interval share the stamp of its <c>CollectionStart</c>).
/// </summary>
/// <remarks>
/// Never throws into the run: a process with no diagnostics port (not .NET, or <c>DOTNET_EnableDiagnostics=0</c>),
/// one that exits, or one whose session is refused reads as unavailable with the reason. Thread-safe.
/// </remarks>
internal sealed class EventPipeResilienceTelemetrySource : IResilienceTelemetrySource
{
    /// <summary>How often the service's runtime publishes the counts.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private const string MetricsProvider = "System.Diagnostics.Metrics";
    private const long TimeSeriesValuesKeyword = 0x2;
    private static readonly TimeSpan PortPollInterval = TimeSpan.FromMilliseconds(50);
    private const int SessionAttempts = 4;
    private static readonly TimeSpan SessionAttemptTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly int _processId;
    private readonly TimeProvider _time;
    private readonly TimeSpan _portTimeout;
    private readonly string _sessionId = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private readonly List<ResilienceEvent> _events = [];
    private EventPipeSession? _session;
    private EventPipeEventSource? _source;
    private Task? _processing;
    private DateTimeOffset _startedAt;
    private DateTimeOffset? _collectionAt;
    private ResilienceTelemetryStatus _status = ResilienceTelemetryStatus.NotStarted;
    private bool _instrumentSeen;
    private string? _sessionError;

    /// <summary>A source for the process <paramref name="processId"/>, not started.</summary>
    /// <param name="processId">The .NET process to read.</param>
    /// <param name="time">The run's clock.</param>
    /// <param name="portTimeout">How long to wait for a just-started process to open its diagnostics port; 5 s if null.</param>
    public EventPipeResilienceTelemetrySource(int processId, TimeProvider time, TimeSpan? portTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _processId = processId;
        _time = time;
        _portTimeout = portTimeout ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>
    /// Gets the status: after a successful <see cref="StartAsync"/>, available once the process has published Polly's
    /// instrument (its first pipeline is built when its HttpClient is first used), otherwise unavailable with the reason.
    /// </summary>
    public ResilienceTelemetryStatus Status
    {
        get
        {
            lock (_gate)
            {
                if (!_status.IsAvailable)
                {
                    return _status;
                }

                if (_sessionError is not null)
                {
                    return ResilienceTelemetryStatus.Unavailable(_sessionError);
                }

                return _instrumentSeen
                    ? _status
                    : ResilienceTelemetryStatus.Unavailable(
                        $"process {_processId} has not published Polly's meter ({ResilienceEventNames.Meter}/{ResilienceEventNames.Instrument}): " +
                        "it builds no Polly v8 pipeline from DI (AddResiliencePipeline, AddStandardResilienceHandler), or has not used one yet");
            }
        }
    }

    public IReadOnlyList<ResilienceEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public async Task<ResilienceTelemetryStatus> StartAsync(CancellationToken cancellationToken)
    {
        if (_session is not null)
        {
            return _status;
        }

        var status = await OpenAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _status = status;
        }

        return status;
    }

    public async ValueTask DisposeAsync()
    {
        var session = _session;
        _session = null;
        if (session is null)
        {
            return;
        }

        // Each step is bounded: a process that hangs or dies mid-session must not hold the run.
        try
        {
            await Task.Run(async () =>
            {
                try
                {
                    await session.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ServerNotAvailableException or DiagnosticsClientException or IOException or ObjectDisposedException)
                {
                    // The process has exited or its port closed: the stream ends on its own.
                }

                _source?.StopProcessing();
                if (_processing is not null)
                {
                    await _processing.ConfigureAwait(false);
                }

                _source?.Dispose();
                session.Dispose();
            }).WaitAsync(StopTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Left to the process's exit; the events read so far stand.
        }
    }

    private async Task<ResilienceTelemetryStatus> OpenAsync(CancellationToken cancellationToken)
    {
        var waited = await WaitForPortAsync(cancellationToken).ConfigureAwait(false);
        if (waited is not null)
        {
            return ResilienceTelemetryStatus.Unavailable(waited);
        }

        var provider = new EventPipeProvider(MetricsProvider, EventLevel.Informational, TimeSeriesValuesKeyword, new Dictionary<string, string>
        {
            ["SessionId"] = _sessionId,
            ["Metrics"] = ResilienceEventNames.Meter,
            ["RefreshInterval"] = RefreshInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["MaxTimeSeries"] = "1000",
            ["MaxHistograms"] = "10",
        });
        try
        {
            _startedAt = _time.GetUtcNow();
            var client = new DiagnosticsClient(_processId);
            // A process that has just opened its port sometimes leaves the first request unanswered (seen here about one
            // start in ten): ask again, on a new connection, a few times.
            for (var attempt = 1; _session is null; attempt++)
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bounded.CancelAfter(SessionAttemptTimeout);
                try
                {
                    _session = await client.StartEventPipeSessionAsync([provider], requestRundown: false, circularBufferMB: 16, bounded.Token)
                        .WaitAsync(SessionAttemptTimeout + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested && attempt < SessionAttempts)
                {
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ResilienceTelemetryStatus.Unavailable(
                $"process {_processId} did not accept an EventPipe session on its diagnostics port ({SessionAttempts} tries of {SessionAttemptTimeout.TotalSeconds:0} s)");
        }
        catch (Exception e) when (e is ServerNotAvailableException or DiagnosticsClientException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            return ResilienceTelemetryStatus.Unavailable(
                $"process {_processId} refused an EventPipe session on its diagnostics port ({e.GetType().Name}: {e.Message})");
        }

        _source = new EventPipeEventSource(_session.EventStream);
        _source.Dynamic.All += OnEvent;
        _processing = Task.Factory.StartNew(ReadStream, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return ResilienceTelemetryStatus.Available;
    }

    // A just-started .NET process opens its port within a few hundred milliseconds; one that is not .NET never does.
    private async Task<string?> WaitForPortAsync(CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _portTimeout;
        while (true)
        {
            if (!IsRunning())
            {
                return $"process {_processId} is not running, so it has no diagnostics port to read Polly's telemetry from";
            }

            if (HasOwnDiagnosticsPort(_processId))
            {
                return null;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                return $"process {_processId} opened no .NET diagnostics port within {_portTimeout.TotalSeconds:0.#} s: " +
                    "it is not a .NET process, or it runs with DOTNET_EnableDiagnostics=0; its resilience is not measured";
            }

            await Task.Delay(PortPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the process has opened its own diagnostics port. On Linux the runtime names its socket
    /// <c>dotnet-diagnostic-{pid}-{start time}-socket</c>, the start time as <c>/proc/{pid}/stat</c> gives it: a socket
    /// with the pid and another start time was left by an earlier process of the same pid that was killed (pids are
    /// reused), and is not this process's. Elsewhere the published processes are asked.
    /// </summary>
    internal static bool HasOwnDiagnosticsPort(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return DiagnosticsClient.GetPublishedProcesses().Contains(processId);
        }

        // Field 22 of stat (starttime) is the 20th after the command's name.
        return ProcStat.FieldsAfterName(processId) is { Length: > 19 } fields
            && File.Exists(Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{processId}-{fields[19]}-socket"));
    }

    private bool IsRunning()
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(_processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void ReadStream()
    {
        try
        {
            _source!.Process();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or EndOfStreamException or FormatException)
        {
            // The process exited mid-stream (killed by a crash fault, the trace cut mid-block: "Read past end of
            // stream"): the events read so far stand.
        }
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.ProviderName != MetricsProvider || !Equals(data.PayloadByName("sessionId") as string, _sessionId))
        {
            return;
        }

        switch (data.EventName)
        {
            // Each refresh publishes its series between CollectionStart and CollectionStop, microseconds apart: one
            // stamp for them all, so that events of one interval tie and are ordered by ResilienceTimeline. (An
            // EventSource method named XxxStart/XxxStop is parsed as task Xxx with opcode Start/Stop.)
            case "CollectionStart" or "Collection/Start":
                _collectionAt = At(data);
                break;
            case "CollectionStop" or "Collection/Stop":
                _collectionAt = null;
                break;
            case "BeginInstrumentReporting" when data.PayloadByName("instrumentName") as string == ResilienceEventNames.Instrument:
                lock (_gate)
                {
                    _instrumentSeen = true;
                }

                break;
            case "CounterRateValuePublished" when data.PayloadByName("instrumentName") as string == ResilienceEventNames.Instrument:
                Record(data);
                break;
            case "Error" or "MultipleSessionsNotSupportedError" or "MultipleSessionsConfiguredIncorrectlyError" or "TimeSeriesLimitReached":
                lock (_gate)
                {
                    _sessionError ??= $"process {_processId}'s metrics session reported {data.EventName}: {string.Join(", ", data.PayloadNames.Select(n => $"{n}={data.PayloadByName(n)}"))}";
                }

                break;
        }
    }

    private void Record(TraceEvent data)
    {
        var count = (long)Math.Round(Number(data.PayloadByName("rate")));
        if (count <= 0)
        {
            return;
        }

        string? eventName = null, pipeline = null, strategy = null, instance = null;
        foreach (var pair in (data.PayloadByName("tags") as string ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = pair[(equals + 1)..];
            switch (pair[..equals])
            {
                case ResilienceEventNames.EventNameTag: eventName = value; break;
                case ResilienceEventNames.PipelineNameTag: pipeline = value; break;
                case ResilienceEventNames.StrategyNameTag: strategy = value; break;
                case ResilienceEventNames.PipelineInstanceTag: instance = value; break;
            }
        }

        if (eventName is null)
        {
            return;
        }

        var at = _collectionAt ?? At(data);
        lock (_gate)
        {
            _events.Add(new ResilienceEvent(at, pipeline ?? "", strategy ?? "", eventName, count) { Instance = instance ?? "" });
        }
    }

    private DateTimeOffset At(TraceEvent data) => _startedAt + TimeSpan.FromMilliseconds(data.TimeStampRelativeMSec);

    private static double Number(object? payload) => payload switch
    {
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };
}
