using Chaos.Engine.Faults;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Tests.Judging;

/// <summary>A run of 30 s with an outage from 10 s to 20 s, and ways to fill it, for the judge's tests.</summary>
internal static class JudgeTestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<PhaseWindow> Phases =
    [
        new(PhaseWindow.Run, TimeSpan.Zero, TimeSpan.FromSeconds(30)),
        new(PhaseWindow.Baseline, TimeSpan.Zero, TimeSpan.FromSeconds(10)),
        new(PhaseWindow.Fault, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)),
        new("outage", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)),
        new(PhaseWindow.Recovery, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)),
    ];

    public static Judge JudgeWith(
        RunRecorder? recorder = null,
        IReadOnlyList<DependencyJournal>? journals = null,
        IReadOnlyList<FaultEvent>? events = null,
        string? fallbackGateway = "payments.secondary",
        IReadOnlyList<DependencyTarget>? hosts = null) =>
        new(Phases, recorder ?? new RunRecorder(["browse", "checkout"]), [], events ?? [], journals ?? [], Start) { FallbackGateway = fallbackGateway, Hosts = hosts ?? [] };

    /// <summary>Records <paramref name="count"/> journeys of one outcome and status at one second of the run.</summary>
    public static RunRecorder Record(this RunRecorder recorder, string journey, double atSeconds, OutcomeKind outcome, int status, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (outcome == OutcomeKind.Dropped)
            {
                recorder.RecordDropped(journey, TimeSpan.FromSeconds(atSeconds));
            }
            else
            {
                recorder.Record(journey, TimeSpan.FromSeconds(atSeconds), TimeSpan.FromMilliseconds(50), new JourneyResult(outcome, status));
            }
        }

        return recorder;
    }

    public static DependencyCall Call(double atSeconds, string route, string? key, int status = 200) =>
        new(Start.AddSeconds(atSeconds), route, status, Faulted: false, key);

    public static Expectation Expect(string phase, ExpectationMetric metric, double? atLeast = null, double? atMost = null, string? journey = null, string? dependency = null) => new()
    {
        Phase = phase,
        Metric = metric,
        AtLeast = atLeast,
        AtMost = atMost,
        Journey = journey,
        Dependency = dependency,
        Line = 7,
    };
}
