using Chaos.Engine.Reports;
using Chaos.Engine.Systems;
using Chaos.Engine.Telemetry;

namespace Chaos.Engine.Running;

/// <summary>
/// The circuits of a system file's service, read from its own Polly telemetry: each dependency that declares
/// <c>pipeline:</c> has the circuit of that pipeline, named after the dependency so that <c>timeToCircuitOpen</c> and
/// <c>timeToRecover</c> on <c>bank</c> judge the breaker of <c>BankClient-standard</c>. Where it cannot say,
/// <see cref="NotMeasured"/> gives the reason (no pipeline declared, no telemetry, a pipeline that reported nothing,
/// with the pipelines that did), so that an expectation is never judged on a guess.
/// A pool's hosts have circuits of their own when the service keeps a pipeline per endpoint (the events'
/// <c>pipeline.instance</c> is a host's URL, as with <c>SelectPipelineByAuthority()</c>): <c>bank.eu-1</c> is the breaker
/// of that host's pipeline, and the pool's circuit, <c>bank</c>, is open while any of them is open, half-open while none
/// is open and any is half-open, closed otherwise.
/// </summary>
/// <remarks>Thread-safe: the telemetry source reads in the background; every member reads a snapshot of it.</remarks>
public sealed class TelemetryCircuitObserver : ICircuitObserver
{
    private readonly IReadOnlyDictionary<string, string> _pipelines;

    // Pool -> its hosts (bank.eu-1) by the authority of their simulator (http://127.0.0.1:5001), as pipeline.instance gives it.
    private readonly Dictionary<string, Dictionary<string, string>> _hosts = new(StringComparer.Ordinal);

    // Host of a pool (bank.eu-1) -> the pool (bank).
    private readonly Dictionary<string, string> _poolOf = new(StringComparer.Ordinal);

    private readonly IResilienceTelemetrySource? _source;
    private readonly string? _noSource;
    private readonly string _systemFile;
    private readonly TimeProvider _time;
    private DateTimeOffset? _loadStart;

    private TelemetryCircuitObserver(SystemDefinition system, IResilienceTelemetrySource? source, string? noSource, TimeProvider time, IReadOnlyDictionary<string, IReadOnlyList<Uri>>? urls)
    {
        _pipelines = system.Dependencies
            .Where(d => d.Pipeline is not null)
            .ToDictionary(d => d.Name, d => d.Pipeline!, StringComparer.Ordinal);
        foreach (var pool in system.Dependencies.Where(d => d.Instances.Count > 0))
        {
            var hosts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < pool.Instances.Count; i++)
            {
                var host = $"{pool.Name}.{pool.Instances[i].Name}";
                _poolOf[host] = pool.Name;
                if (urls is not null && urls.TryGetValue(pool.Name, out var poolUrls) && i < poolUrls.Count)
                {
                    hosts.TryAdd(Authority(poolUrls[i]), host);
                }
            }

            _hosts[pool.Name] = hosts;
        }

        _source = source;
        _noSource = noSource;
        _systemFile = system.SourcePath;
        _time = time;
    }

    /// <summary>An observer reading <paramref name="source"/>, which the caller has started and disposes; a pool has one circuit.</summary>
    /// <param name="system">The system file: which dependency has which pipeline.</param>
    /// <param name="source">The service's telemetry.</param>
    /// <param name="time">The run's clock, the one the source stamps events with.</param>
    /// <returns>The observer.</returns>
    public static TelemetryCircuitObserver Reading(SystemDefinition system, IResilienceTelemetrySource source, TimeProvider time) =>
        Reading(system, source, time, new Dictionary<string, IReadOnlyList<Uri>>());

    /// <summary>
    /// An observer reading <paramref name="source"/>, which the caller has started and disposes, that tells a pool's
    /// hosts apart by the <c>pipeline.instance</c> of the events: the authority of a host's simulator URL.
    /// </summary>
    /// <param name="system">The system file: which dependency has which pipeline.</param>
    /// <param name="source">The service's telemetry.</param>
    /// <param name="time">The run's clock, the one the source stamps events with.</param>
    /// <param name="urls">The simulators' URLs by dependency, a pool's in the order of its instances.</param>
    /// <returns>The observer.</returns>
    public static TelemetryCircuitObserver Reading(SystemDefinition system, IResilienceTelemetrySource source, TimeProvider time, IReadOnlyDictionary<string, IReadOnlyList<Uri>> urls)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(urls);
        return new TelemetryCircuitObserver(system, source, null, time, urls);
    }

    /// <summary>An observer with no telemetry to read: every circuit expectation is not measured, for <paramref name="reason"/>.</summary>
    /// <param name="system">The system file.</param>
    /// <param name="reason">Why there is no telemetry, naming what to do, for example "Chaos did not start the service (url:)".</param>
    /// <param name="time">The run's clock.</param>
    /// <returns>The observer.</returns>
    public static TelemetryCircuitObserver Without(SystemDefinition system, string reason, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(time);
        return new TelemetryCircuitObserver(system, null, reason, time, null);
    }

    /// <inheritdoc />
    /// <remarks>The telemetry source reads on its own; this only marks the load's start and waits for the end.</remarks>
    public async Task RunAsync(long loadStart, CancellationToken cancellationToken)
    {
        _loadStart = _time.GetUtcNow() - _time.GetElapsedTime(loadStart);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One circuit per dependency whose pipeline reported any event, closed from the first moment (Polly reports only
    /// changes), and one per host of a pool whose own pipeline did; ordered by time; none before <see cref="RunAsync"/>
    /// has marked the load's start.
    /// </remarks>
    public IReadOnlyList<CircuitTransition> Transitions()
    {
        if (_loadStart is not { } start || _source is null || !_source.Status.IsAvailable)
        {
            return [];
        }

        var events = _source.Events;
        var transitions = new List<CircuitTransition>();
        foreach (var (dependency, pipeline) in _pipelines)
        {
            var mine = events.Where(e => ResilienceTimeline.IsPipeline(e.Pipeline, pipeline)).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            // Each instance of the pipeline is a breaker of its own: a host's when its pipeline.instance is that host's
            // URL, unnamed otherwise. One pipeline for the dependency is one breaker, whose instance is empty.
            var hosts = _hosts.GetValueOrDefault(dependency);
            var breakers = mine
                .GroupBy(e => e.Instance, StringComparer.OrdinalIgnoreCase)
                .Select(g => (Host: hosts?.GetValueOrDefault(g.Key), Events: g.ToList()))
                .Select(b => (b.Host, Transitions: FromClosed(b.Host ?? dependency, ResilienceTimeline.CircuitTransitions(b.Events.Select(e => e with { Pipeline = b.Host ?? dependency }), start))))
                .ToList();
            if (breakers is [{ Host: null } only])
            {
                transitions.AddRange(only.Transitions);
                continue;
            }

            transitions.AddRange(breakers.Where(b => b.Host is not null).SelectMany(b => b.Transitions));
            transitions.AddRange(FromClosed(dependency, [.. Worst(dependency, [.. breakers.Select(b => b.Transitions)])]));
        }

        return [.. transitions.OrderBy(t => t.At)];
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> LatestCircuits => Transitions()
        .GroupBy(t => t.Dependency, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().State, StringComparer.Ordinal);

    /// <summary>
    /// Why the circuit of <paramref name="dependency"/> cannot be judged, naming what to do, or <see langword="null"/>
    /// when its pipeline reported telemetry. Read it when the run ends: a pipeline is often built at its first call.
    /// </summary>
    /// <param name="dependency">The dependency of a circuit expectation, for example <c>bank</c>, or a host of a pool, <c>bank.eu-1</c>.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public string? NotMeasured(string dependency)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        if (_poolOf.TryGetValue(dependency, out var pool))
        {
            return NotMeasuredHost(dependency, pool);
        }

        if (!_pipelines.TryGetValue(dependency, out var pipeline))
        {
            return $"{dependency} names no Polly pipeline in {_systemFile}; add pipeline: to the dependency, with the pipeline.name its service reports "
                + "(a named HttpClient's standard resilience handler is <client>-standard, for example BankClient-standard).";
        }

        if (_source is null)
        {
            return _noSource;
        }

        if (_source.Status is { IsAvailable: false, Reason: var reason })
        {
            return $"the service's Polly telemetry could not be read: {reason}.";
        }

        var events = _source.Events;
        if (events.Any(e => ResilienceTimeline.IsPipeline(e.Pipeline, pipeline)))
        {
            return null;
        }

        var reported = events.Select(e => e.Pipeline).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return reported.Length == 0
            ? $"the service's Polly pipeline {pipeline} (pipeline: of {dependency}) reported no event, and no other pipeline did: its breaker and retries never acted, or the pipeline is not Polly v8 telemetry-enabled (AddResiliencePipeline, AddStandardResilienceHandler)."
            : $"the service's Polly pipeline {pipeline} (pipeline: of {dependency}) reported no event; it reported {string.Join(", ", reported)}: set pipeline: to one of them in {_systemFile}.";
    }

    /// <summary>
    /// What each pipeline of the service reported, every event counted by name, in order of pipeline name; a pool's
    /// pipeline kept per endpoint once per host whose URL its <c>pipeline.instance</c> names, in order of host.
    /// </summary>
    /// <returns>The pipelines; none when there is no telemetry.</returns>
    public IReadOnlyList<PipelineReport> Pipelines()
    {
        if (_source is null || !_source.Status.IsAvailable)
        {
            return [];
        }

        return [.. _source.Events
            .Where(e => e.Count > 0)
            .GroupBy(e => (e.Pipeline, Dependency: DependencyOf(e)))
            .OrderBy(g => g.Key.Pipeline, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Dependency, StringComparer.Ordinal)
            .Select(g => new PipelineReport(
                g.Key.Pipeline,
                g.Key.Dependency,
                g.GroupBy(e => e.EventName, StringComparer.Ordinal).OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Sum(x => x.Count), StringComparer.Ordinal)))];
    }

    /// <summary>The dependency whose <c>pipeline:</c> names the event's pipeline, or the host of a pool whose instance it is; null for neither.</summary>
    private string? DependencyOf(ResilienceEvent e)
    {
        var dependency = _pipelines.Where(p => ResilienceTimeline.IsPipeline(e.Pipeline, p.Value)).Select(p => p.Key).FirstOrDefault();
        return dependency is not null && _hosts.TryGetValue(dependency, out var hosts) && hosts.TryGetValue(e.Instance, out var host) ? host : dependency;
    }

    private string? NotMeasuredHost(string host, string pool)
    {
        if (NotMeasured(pool) is { } poolReason)
        {
            return poolReason;
        }

        var pipeline = _pipelines[pool];
        var authority = _hosts[pool].FirstOrDefault(h => h.Value == host).Key;
        if (authority is null)
        {
            return $"this run cannot tell the hosts of {pool} apart (it was not given their simulators' URLs); judge dependency: {pool}.";
        }

        var instances = _source!.Events.Where(e => ResilienceTimeline.IsPipeline(e.Pipeline, pipeline)).Select(e => e.Instance).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (instances.Contains(authority))
        {
            return null;
        }

        if (instances.Overlaps(_hosts[pool].Keys))
        {
            return $"the service's Polly pipeline {pipeline} reported no event for {host} (pipeline.instance {authority}): the service never called it.";
        }

        instances.Remove("");
        return instances.Count == 0
            ? $"the service's Polly pipeline {pipeline} is one pipeline for the whole pool {pool} (its events name no pipeline.instance), "
                + $"so its breaker is judged as {pool}'s; judge dependency: {pool}, or give each endpoint a pipeline of its own (SelectPipelineByAuthority())."
            : $"the service's Polly pipeline {pipeline} reported the instances {string.Join(", ", instances.Order(StringComparer.Ordinal))}, none of them the URL of a host of {pool} "
                + $"({string.Join(", ", _hosts[pool].Keys.Order(StringComparer.Ordinal))}), so its breakers are judged together as {pool}'s; judge dependency: {pool}, or have the service call each host by the URL it is given.";
    }

    /// <summary>The circuit <paramref name="seen"/> as <paramref name="circuit"/>'s, closed from the first moment.</summary>
    private static List<CircuitTransition> FromClosed(string circuit, IReadOnlyList<CircuitTransition> seen)
    {
        var transitions = new List<CircuitTransition>();
        if (seen.Count == 0 || seen[0].State != CircuitStates.Closed)
        {
            var first = seen.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(0, seen[0].At.Ticks));
            transitions.Add(new CircuitTransition(circuit, first, CircuitStates.Closed));
        }

        transitions.AddRange(seen);
        return transitions;
    }

    /// <summary>
    /// The pool's circuit from its members': open while any is open, half-open while none is open and any is half-open,
    /// closed otherwise; a transition when that changes. Changes at the same instant (over EventPipe, those of one
    /// refresh interval) are taken together, so a host closing as another opens does not read as the pool closing.
    /// </summary>
    private static IEnumerable<CircuitTransition> Worst(string pool, IReadOnlyList<IReadOnlyList<CircuitTransition>> members)
    {
        var states = Enumerable.Repeat(CircuitStates.Closed, members.Count).ToArray();
        string? last = null;
        foreach (var tie in members.SelectMany((member, i) => member.Select(change => (Member: i, Change: change))).OrderBy(c => c.Change.At).GroupBy(c => c.Change.At))
        {
            foreach (var (member, change) in tie)
            {
                states[member] = change.State;
            }

            var state = states.Contains(CircuitStates.Open) ? CircuitStates.Open
                : states.Contains(CircuitStates.HalfOpen) ? CircuitStates.HalfOpen
                : CircuitStates.Closed;
            if (state != last)
            {
                last = state;
                yield return new CircuitTransition(pool, tie.Key, state);
            }
        }
    }

    private static string Authority(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
