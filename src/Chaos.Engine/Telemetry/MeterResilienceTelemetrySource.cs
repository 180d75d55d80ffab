using System.Diagnostics.Metrics;

namespace Chaos.Engine.Telemetry;

/// <summary>
/// Polly's telemetry of a service hosted in this process, read with a <see cref="MeterListener"/> on the meter
/// <c>Polly</c>: one <see cref="ResilienceEvent"/> per measurement, stamped on the run's <see cref="TimeProvider"/>.
/// It sees every Polly pipeline in the process, so readers pick theirs by pipeline name.
/// </summary>
internal sealed class MeterResilienceTelemetrySource(TimeProvider time) : IResilienceTelemetrySource
{
    private readonly Lock _gate = new();
    private readonly List<ResilienceEvent> _events = [];
    private MeterListener? _listener;
    private volatile bool _instrumentSeen;

    public ResilienceTelemetryStatus Status => _listener is null
        ? ResilienceTelemetryStatus.NotStarted
        : _instrumentSeen
            ? ResilienceTelemetryStatus.Available
            : ResilienceTelemetryStatus.Unavailable(
                $"this process has not published Polly's meter ({ResilienceEventNames.Meter}/{ResilienceEventNames.Instrument}): " +
                "it builds no Polly v8 pipeline from DI (AddResiliencePipeline, AddStandardResilienceHandler), or has not used one yet");

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

    public Task<ResilienceTelemetryStatus> StartAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            return Task.FromResult(ResilienceTelemetryStatus.Available);
        }

        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ResilienceEventNames.Meter && instrument.Name == ResilienceEventNames.Instrument)
                {
                    _instrumentSeen = true;
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Record(value, tags));
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
        listener.Start();
        _listener = listener;
        return Task.FromResult(ResilienceTelemetryStatus.Available);
    }

    public ValueTask DisposeAsync()
    {
        _listener?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? eventName = null, pipeline = null, strategy = null, instance = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case ResilienceEventNames.EventNameTag: eventName = tag.Value?.ToString(); break;
                case ResilienceEventNames.PipelineNameTag: pipeline = tag.Value?.ToString(); break;
                case ResilienceEventNames.StrategyNameTag: strategy = tag.Value?.ToString(); break;
                case ResilienceEventNames.PipelineInstanceTag: instance = tag.Value?.ToString(); break;
            }
        }

        if (eventName is null)
        {
            return;
        }

        var e = new ResilienceEvent(time.GetUtcNow(), pipeline ?? "", strategy ?? "", eventName, value) { Instance = instance ?? "" };
        lock (_gate)
        {
            _events.Add(e);
        }
    }
}
