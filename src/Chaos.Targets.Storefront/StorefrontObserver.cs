using Chaos.Engine.Running;

namespace Chaos.Targets.Storefront;

/// <summary>
/// Polls the storefront's status during a run and keeps what it saw: circuit states per dependency and the
/// payment backlog, as offsets from the start of the load. Polling errors are counted, never fatal.
/// </summary>
public sealed class StorefrontObserver : ICircuitObserver
{
    private readonly StorefrontClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private readonly List<StatusSample> _samples = [];
    private int _failedPolls;

    /// <summary>Initializes a new instance of the <see cref="StorefrontObserver"/> class.</summary>
    public StorefrontObserver(StorefrontClient client, TimeProvider timeProvider, TimeSpan? interval = null)
    {
        _client = client;
        _time = timeProvider;
        _interval = interval ?? TimeSpan.FromMilliseconds(250);
    }

    /// <summary>Gets every status sample taken so far.</summary>
    public IReadOnlyList<StatusSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return _samples.ToArray();
            }
        }
    }

    /// <summary>Gets how many polls failed.</summary>
    public int FailedPolls => Volatile.Read(ref _failedPolls);

    /// <summary>Gets the circuit states seen last, by dependency.</summary>
    public IReadOnlyDictionary<string, string> LatestCircuits
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count == 0 ? new Dictionary<string, string>() : _samples[^1].Circuits;
            }
        }
    }

    /// <summary>Polls until cancelled.</summary>
    public async Task RunAsync(long startTimestamp, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var status = await _client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                var sample = new StatusSample(
                    _time.GetElapsedTime(startTimestamp),
                    status.Dependencies.ToDictionary(d => d.Name, d => d.Circuit, StringComparer.Ordinal),
                    status.Backlogs.PendingPayments)
                {
                    PendingShipments = status.Backlogs.PendingShipments,
                    FulfillmentFailovers = status.Fulfillment?.Failovers,
                };
                lock (_gate)
                {
                    _samples.Add(sample);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or InvalidOperationException)
            {
                Interlocked.Increment(ref _failedPolls);
            }

            try
            {
                await Task.Delay(_interval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The circuit transitions seen: one entry per change of state of a dependency (the first sample of each
    /// dependency counts as a change).
    /// </summary>
    public IReadOnlyList<CircuitTransition> Transitions()
    {
        var transitions = new List<CircuitTransition>();
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sample in Samples)
        {
            foreach (var (dependency, state) in sample.Circuits)
            {
                if (!last.TryGetValue(dependency, out var previous) || previous != state)
                {
                    transitions.Add(new CircuitTransition(dependency, sample.At, state));
                    last[dependency] = state;
                }
            }
        }

        return transitions;
    }
}
