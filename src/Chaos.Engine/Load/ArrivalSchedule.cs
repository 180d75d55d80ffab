using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Load;

/// <summary>
/// The arrival times of an open model: the rate is piecewise linear, and arrival <c>k</c> (from 0) is due when the
/// integral of the rate reaches <c>k</c>, so the first arrival is at 0 and a phase of <c>n</c> expected arrivals
/// holds exactly <c>n</c> of them.
/// </summary>
internal sealed class ArrivalSchedule
{
    // Guards against 100.0000000001 expected arrivals turning into 101.
    private const double CountTolerance = 1e-9;

    private readonly Segment[] _segments;

    public ArrivalSchedule(IReadOnlyList<LoadPhase> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        _segments = new Segment[phases.Count];
        var start = 0.0;
        var arrivals = 0.0;
        for (var i = 0; i < phases.Count; i++)
        {
            var phase = phases[i];
            var duration = phase.Duration.TotalSeconds;
            var slope = duration > 0 ? (phase.EndRate - phase.StartRate) / duration : 0;
            var phaseArrivals = (phase.StartRate + phase.EndRate) / 2 * duration;
            _segments[i] = new Segment(phase.Name, start, duration, phase.StartRate, slope, arrivals, arrivals + phaseArrivals);
            start += duration;
            arrivals += phaseArrivals;
        }

        Duration = TimeSpan.FromSeconds(start);
        ExpectedArrivals = arrivals;
        Count = (long)Math.Ceiling(Math.Max(0, arrivals - CountTolerance));
    }

    /// <summary>Gets the number of arrivals of the whole schedule.</summary>
    public long Count { get; }

    /// <summary>Gets the integral of the rate over all phases.</summary>
    public double ExpectedArrivals { get; }

    /// <summary>Gets the total duration of the phases.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets the mean arrival rate over the phases, per second.</summary>
    public double MeanRate => Duration > TimeSpan.Zero ? Count / Duration.TotalSeconds : 0;

    /// <summary>Gets the intended time of arrival <paramref name="index"/>, from the start of the run.</summary>
    public TimeSpan TimeOf(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        foreach (var segment in _segments)
        {
            if (index < segment.ArrivalsAtEnd)
            {
                return TimeSpan.FromSeconds(segment.Start + segment.TimeOf(index - segment.ArrivalsAtStart));
            }
        }

        // Only reachable through rounding on the very last arrival: it belongs to the last phase with arrivals.
        var last = _segments.Last(s => s.ArrivalsAtEnd > s.ArrivalsAtStart);
        return TimeSpan.FromSeconds(last.Start + last.TimeOf(index - last.ArrivalsAtStart));
    }

    /// <summary>Gets the plan's rate at <paramref name="time"/>, per second (0 after the last phase).</summary>
    public double RateAt(TimeSpan time)
    {
        var t = time.TotalSeconds;
        foreach (var segment in _segments)
        {
            if (t < segment.Start + segment.Duration)
            {
                return segment.StartRate + (segment.Slope * Math.Max(0, t - segment.Start));
            }
        }

        return 0;
    }

    /// <summary>Gets the name of the phase running at <paramref name="time"/>, or null after the last one.</summary>
    public string? PhaseAt(TimeSpan time)
    {
        var t = time.TotalSeconds;
        foreach (var segment in _segments)
        {
            if (t < segment.Start + segment.Duration)
            {
                return segment.Name;
            }
        }

        return null;
    }

    private readonly record struct Segment(string Name, double Start, double Duration, double StartRate, double Slope, double ArrivalsAtStart, double ArrivalsAtEnd)
    {
        /// <summary>Solves <c>r0 t + slope t^2 / 2 = x</c> for t in [0, Duration], in a form stable when the slope is 0.</summary>
        public double TimeOf(double x)
        {
            if (x <= 0)
            {
                return 0;
            }

            var discriminant = Math.Max(0, (StartRate * StartRate) + (2 * Slope * x));
            var denominator = StartRate + Math.Sqrt(discriminant);
            var t = denominator > 0 ? 2 * x / denominator : 0;
            return Math.Clamp(t, 0, Duration);
        }
    }
}
