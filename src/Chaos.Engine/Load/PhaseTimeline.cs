using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Load;

/// <summary>Where each load phase starts and ends, and how many virtual users a closed-model phase wants at a given time.</summary>
internal sealed class PhaseTimeline
{
    private readonly LoadPhase[] _phases;
    private readonly double[] _starts;

    public PhaseTimeline(IReadOnlyList<LoadPhase> phases)
    {
        _phases = phases.ToArray();
        _starts = new double[_phases.Length + 1];
        for (var i = 0; i < _phases.Length; i++)
        {
            _starts[i + 1] = _starts[i] + _phases[i].Duration.TotalSeconds;
        }

        HasClosedPhases = _phases.Any(p => p.Model == LoadModel.Closed);
        MaxCopies = _phases.Select(p => Math.Max(p.StartCopies, p.EndCopies)).DefaultIfEmpty(0).Max();
    }

    /// <summary>Gets whether any phase is a closed-model one.</summary>
    public bool HasClosedPhases { get; }

    /// <summary>Gets the largest number of virtual users any closed-model phase wants.</summary>
    public int MaxCopies { get; }

    /// <summary>Gets the phases, in order.</summary>
    public IReadOnlyList<LoadPhase> Phases => _phases;

    /// <summary>Gets the index of the phase running at <paramref name="time"/>, or -1 after the last one.</summary>
    public int IndexAt(TimeSpan time)
    {
        var t = time.TotalSeconds;
        for (var i = 0; i < _phases.Length; i++)
        {
            if (t < _starts[i + 1])
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Gets how many virtual users the phase at <paramref name="time"/> wants: the copies ramp linearly within a closed-model
    /// phase (rounded half up); 0 in an open-model phase and after the last phase.
    /// </summary>
    public int CopiesAt(TimeSpan time)
    {
        var index = IndexAt(time);
        if (index < 0 || _phases[index] is not { Model: LoadModel.Closed } phase)
        {
            return 0;
        }

        var duration = phase.Duration.TotalSeconds;
        var fraction = duration > 0 ? Math.Clamp((time.TotalSeconds - _starts[index]) / duration, 0, 1) : 0;
        var copies = phase.StartCopies + ((phase.EndCopies - phase.StartCopies) * fraction);
        return (int)Math.Floor(copies + 0.5);
    }

    /// <summary>Gets the first phase boundary after <paramref name="time"/>, or null after the last phase.</summary>
    public TimeSpan? NextBoundaryAfter(TimeSpan time)
    {
        var t = time.TotalSeconds;
        foreach (var start in _starts)
        {
            if (start > t)
            {
                return TimeSpan.FromSeconds(start);
            }
        }

        return null;
    }
}
