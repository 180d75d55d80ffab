using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Running;

/// <summary>
/// Plays a scenario's fault timeline: applies each fault at its start and clears it at its end, through the
/// dependencies' control surfaces (in process or remote alike), and records when each step really happened.
/// </summary>
public sealed class FaultTimelinePlayer
{
    private readonly IReadOnlyDictionary<string, IDependencyControl> _controls;
    private readonly TimeProvider _time;
    private readonly List<FaultEvent> _events = [];
    private readonly Lock _gate = new();

    /// <summary>Initializes a new instance of the <see cref="FaultTimelinePlayer"/> class.</summary>
    public FaultTimelinePlayer(IEnumerable<IDependencyControl> controls, TimeProvider timeProvider)
    {
        _controls = controls.ToDictionary(c => c.Dependency, StringComparer.Ordinal);
        _time = timeProvider;
    }

    /// <summary>Gets what was applied and cleared, with the offsets at which it happened.</summary>
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
    /// Plays the timeline, offsets measured from <paramref name="startTimestamp"/> (a <see cref="TimeProvider"/>
    /// timestamp). Returns when the last fault is cleared. On cancellation every fault is cleared before returning.
    /// </summary>
    public async Task PlayAsync(IReadOnlyList<FaultWindow> faults, long startTimestamp, CancellationToken cancellationToken)
    {
        foreach (var fault in faults)
        {
            if (!_controls.ContainsKey(fault.Dependency))
            {
                throw new InvalidOperationException($"No simulator plays dependency '{fault.Dependency}' (fault '{fault.Name}').");
            }
        }

        var steps = faults
            .SelectMany(f => new[] { (At: f.Start, Apply: true, Fault: f), (At: f.End, Apply: false, Fault: f) })
            .OrderBy(s => s.At)
            .ThenBy(s => s.Apply) // clear before apply at the same instant
            .ToList();
        try
        {
            foreach (var step in steps)
            {
                var wait = step.At - _time.GetElapsedTime(startTimestamp);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                var control = _controls[step.Fault.Dependency];
                if (step.Apply)
                {
                    await control.ApplyAsync(new FaultRule(step.Fault.Name, step.Fault.Route, step.Fault.Fault), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await control.ClearAsync(step.Fault.Name, cancellationToken).ConfigureAwait(false);
                }

                Record(new FaultEvent(step.Fault.Name, step.Fault.Dependency, step.Apply ? "applied" : "cleared", step.At, _time.GetElapsedTime(startTimestamp)));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ClearAllAsync(faults).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Clears every fault of the timeline (used after a run, whatever happened).</summary>
    public async Task ClearAllAsync(IReadOnlyList<FaultWindow> faults)
    {
        foreach (var fault in faults)
        {
            if (_controls.TryGetValue(fault.Dependency, out var control))
            {
                await control.ClearAsync(fault.Name, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void Record(FaultEvent e)
    {
        lock (_gate)
        {
            _events.Add(e);
        }
    }
}

/// <summary>A step of the fault timeline as it happened.</summary>
/// <param name="Fault">The fault window's name.</param>
/// <param name="Dependency">The dependency.</param>
/// <param name="Action"><c>applied</c> or <c>cleared</c>.</param>
/// <param name="Planned">The planned offset.</param>
/// <param name="Actual">The offset at which it was done.</param>
public sealed record FaultEvent(string Fault, string Dependency, string Action, TimeSpan Planned, TimeSpan Actual);
