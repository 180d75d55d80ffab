using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>
/// Plays a scenario's fault timeline: applies each fault at its start and recovers it after its end (instantly,
/// gradually or host by host), through the dependencies' control surfaces (in process or remote alike), and records
/// when each step really happened. A fault on a pool (<c>dependency: fulfillment</c>, optionally with <c>hosts:</c>)
/// becomes one rule per matching host, from the host list the player is given. A crash (<c>target: service</c>) kills
/// the system under test at its start and restarts it at its end through an <see cref="IServiceControl"/>: its
/// <see cref="Applied"/> event is the kill, its <see cref="Cleared"/> event the moment the restarted service was ready.
/// </summary>
internal sealed class FaultTimelinePlayer
{
    /// <summary>The action of an event that applied a fault.</summary>
    public const string Applied = "applied";

    /// <summary>The action of an event that re-applied a fault with a lower injection rate (gradual recovery).</summary>
    public const string Ramped = "ramped";

    /// <summary>The action of an event that cleared a fault.</summary>
    public const string Cleared = "cleared";

    private readonly IReadOnlyDictionary<string, IDependencyControl> _controls;
    private readonly IReadOnlyList<DependencyTarget> _hosts;
    private readonly IServiceControl? _service;
    private readonly int _seed;
    private readonly TimeProvider _time;
    private readonly List<FaultEvent> _events = [];
    private readonly Lock _gate = new();

    /// <summary>Initializes a new instance of the <see cref="FaultTimelinePlayer"/> class, without host cohorts.</summary>
    public FaultTimelinePlayer(IEnumerable<IDependencyControl> controls, TimeProvider timeProvider)
        : this(controls, timeProvider, [], seed: 0)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FaultTimelinePlayer"/> class.</summary>
    /// <param name="controls">The control surfaces, one per dependency (one per host of a pool).</param>
    /// <param name="timeProvider">The clock the timeline is played on.</param>
    /// <param name="hosts">The hosts of the pools with their tags, to expand cohort faults; each needs a control of the same name.</param>
    /// <param name="seed">The scenario's seed: picks the hosts of a cohort with a <c>share</c>.</param>
    /// <param name="service">The control of the system under test, for crash faults; null when there is none.</param>
    public FaultTimelinePlayer(IEnumerable<IDependencyControl> controls, TimeProvider timeProvider, IReadOnlyList<DependencyTarget> hosts, int seed, IServiceControl? service = null)
    {
        _service = service;
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(hosts);
        _controls = controls.ToDictionary(c => c.Dependency, StringComparer.Ordinal);
        _time = timeProvider;
        _hosts = hosts;
        _seed = seed;
    }

    /// <summary>Gets what was applied, ramped and cleared, with the offsets at which it happened.</summary>
    public IReadOnlyList<FaultEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>
    /// Gets the dependencies a fault is applied to: the dependency itself, or for a pool the hosts of the list that
    /// carry every tag of the cohort, then a seeded share of them (in list order), at least one when the share is above 0.
    /// </summary>
    public IReadOnlyList<string> TargetsOf(FaultWindow fault)
    {
        ArgumentNullException.ThrowIfNull(fault);

        // A pool is a dependency whose hosts the target gives (the storefront's fulfillment, a system file's dependency
        // with instances), or one a cohort fault names; the player knows no target's names.
        var prefix = fault.Dependency + ".";
        if (fault.Hosts is null && !_hosts.Any(h => h.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return [fault.Dependency];
        }

        var cohort = fault.Hosts ?? new HostCohort();
        var matching = _hosts
            .Where(h => h.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(h => cohort.Tags.All(t => h.Tags.TryGetValue(t.Key, out var value) && string.Equals(value, t.Value, StringComparison.OrdinalIgnoreCase)))
            .Select(h => h.Name)
            .ToList();
        if (cohort.Share is not { } share || matching.Count == 0)
        {
            return matching;
        }

        var count = Math.Clamp((int)Math.Round(share * matching.Count, MidpointRounding.AwayFromZero), share > 0 ? 1 : 0, matching.Count);
        var random = new Random(unchecked(_seed ^ StableHash(fault.Name)));
        var picked = matching.OrderBy(_ => random.Next()).Take(count).ToHashSet(StringComparer.Ordinal);
        return matching.Where(picked.Contains).ToList();
    }

    /// <summary>
    /// Plans the steps of the timeline, in the order they are played: every apply at the fault's start (one per target),
    /// then the recovery: instant clears at the end; gradual re-applies the rule with the rate lowered in
    /// <see cref="FaultRecovery.GradualSteps"/> equal steps and clears it at the end plus <c>over</c>; staged clears the
    /// hosts one by one, the first at the end, then one every <c>every</c>. A clear comes before an apply at the same instant.
    /// </summary>
    public IReadOnlyList<FaultStep> Plan(IReadOnlyList<FaultWindow> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var steps = new List<FaultStep>();
        foreach (var fault in faults)
        {
            var targets = TargetsOf(fault);
            if (targets.Count == 0)
            {
                var cohort = fault.Hosts?.ToString() ?? "every host";
                throw new InvalidOperationException(
                    $"Fault '{fault.Name}' targets the {fault.Dependency} hosts ({cohort}), but no host in the run matches; give the player the pool's hosts with their tags.");
            }

            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[i];
                var rule = new FaultRule(fault.Name, fault.Route, fault.Fault);
                steps.Add(new FaultStep(fault.Start, fault.Name, target, Applied, rule));
                switch (fault.Recovery.Shape)
                {
                    case RecoveryShape.Gradual:
                        const int Steps = FaultRecovery.GradualSteps;
                        for (var k = 1; k < Steps; k++)
                        {
                            var rate = fault.Fault.InjectionRate * (Steps - k) / Steps;
                            steps.Add(new FaultStep(fault.End + (fault.Recovery.Over * k / Steps), fault.Name, target, Ramped, rule with { Fault = fault.Fault with { InjectionRate = rate } }));
                        }

                        steps.Add(new FaultStep(fault.End + fault.Recovery.Over, fault.Name, target, Cleared, null));
                        break;
                    case RecoveryShape.Staged:
                        steps.Add(new FaultStep(fault.End + (fault.Recovery.Every * i), fault.Name, target, Cleared, null));
                        break;
                    default:
                        steps.Add(new FaultStep(fault.End, fault.Name, target, Cleared, null));
                        break;
                }
            }
        }

        // Stable: faults in timeline order, targets in list order; a clear before an apply at the same instant.
        return [.. steps.OrderBy(s => s.At).ThenBy(s => s.Action == Cleared ? 0 : 1)];
    }

    /// <summary>
    /// Plans the timeline and checks that a simulator plays every dependency it touches, so that a run can refuse a
    /// timeline before its load starts rather than when the first fault is due.
    /// </summary>
    /// <exception cref="InvalidOperationException">A cohort matches no host of the run, or no simulator plays a dependency.</exception>
    public IReadOnlyList<FaultStep> PlanPlayable(IReadOnlyList<FaultWindow> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var steps = Plan(faults);
        foreach (var step in steps)
        {
            if (step.Dependency == ScenarioVocabulary.ServiceTarget)
            {
                if (_service is null)
                {
                    throw new InvalidOperationException(
                        $"Fault '{step.Fault}' crashes the service, but this run cannot kill and restart it: chaos did not start it as a process of its own; "
                        + "run the scenario without --storefront-url (chaos then starts the storefront as a child process).");
                }

                continue;
            }

            if (!_controls.ContainsKey(step.Dependency))
            {
                throw new InvalidOperationException($"No simulator plays dependency '{step.Dependency}' (fault '{step.Fault}').");
            }
        }

        return steps;
    }

    /// <summary>
    /// Plays the timeline, offsets measured from <paramref name="startTimestamp"/> (a <see cref="TimeProvider"/>
    /// timestamp). Returns when the last fault is cleared. On cancellation every fault is cleared before returning.
    /// </summary>
    public async Task PlayAsync(IReadOnlyList<FaultWindow> faults, long startTimestamp, CancellationToken cancellationToken)
    {
        var steps = PlanPlayable(faults);

        try
        {
            foreach (var step in steps)
            {
                var wait = step.At - _time.GetElapsedTime(startTimestamp);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                if (step.Dependency == ScenarioVocabulary.ServiceTarget)
                {
                    await (step.Rule is null ? _service!.RestartAsync(cancellationToken) : _service!.CrashAsync(cancellationToken)).ConfigureAwait(false);
                    Record(new FaultEvent(step.Fault, step.Dependency, step.Action, step.At, _time.GetElapsedTime(startTimestamp)));
                    continue;
                }

                var control = _controls[step.Dependency];
                if (step.Rule is { } rule)
                {
                    await control.ApplyAsync(rule, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await control.ClearAsync(step.Fault, cancellationToken).ConfigureAwait(false);
                }

                Record(new FaultEvent(step.Fault, step.Dependency, step.Action, step.At, _time.GetElapsedTime(startTimestamp))
                {
                    InjectionRate = step.Rule?.Fault.InjectionRate,
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The runner clears again and reports what it could not.
            _ = await ClearAllAsync(faults).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Clears every fault of the timeline, on every target (used after a run, whatever happened). A target that cannot
    /// be reached (a remote simulator that died) does not stop the others from being cleared.
    /// </summary>
    /// <returns>One line per fault that could not be cleared, naming the dependency and why; empty when all were.</returns>
    public async Task<IReadOnlyList<string>> ClearAllAsync(IReadOnlyList<FaultWindow> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var failures = new List<string>();
        foreach (var fault in faults)
        {
            foreach (var target in TargetsOf(fault))
            {
                if (!_controls.TryGetValue(target, out var control))
                {
                    continue;
                }

                try
                {
                    await control.ClearAsync(fault.Name, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException)
                {
                    failures.Add($"Could not clear fault '{fault.Name}' on {target}: {ex.Message}");
                }
            }
        }

        return failures;
    }

    /// <summary>FNV-1a: string hashes differ between processes, and a cohort's pick must not.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    private void Record(FaultEvent e)
    {
        lock (_gate)
        {
            _events.Add(e);
        }
    }
}
