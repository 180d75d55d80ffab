using System.Globalization;
using Chaos.Engine.Faults;
using Chaos.Engine.Journeys.Http;
using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Judging;

/// <summary>
/// Checks <c>atMostOnce</c> from the traces: every call a simulator journalled carries the trace id of the journey
/// that caused it, so a journey with two calls to the route sent the dependency the same operation twice.
/// </summary>
internal static class AtMostOnceCheck
{
    /// <summary>The invariant's name as scenario files write it.</summary>
    internal const string Name = "atMostOnce";

    private const int MaxExamples = 5;

    /// <summary>Checks one invariant against the journals and the journeys' trace ids.</summary>
    /// <param name="invariant">The dependency and route.</param>
    /// <param name="journals">Every simulator's journal; a pool's hosts count together (<c>pool.host</c>).</param>
    /// <param name="traces">The journeys run, by trace id.</param>
    /// <param name="setUp">
    /// The trace ids of the harness's own journeys before the load (the trace probe, the warm-up): a cold service's
    /// first calls time out and are retried for reasons the rehearsal does not judge, so their calls are not counted;
    /// the message says when one of them called twice.
    /// </param>
    internal static InvariantResult Check(AtMostOnceInvariant invariant, IEnumerable<DependencyJournal> journals, JourneyTraceLedger traces, IReadOnlySet<string>? setUp = null)
    {
        var label = $"{Name} {invariant.Dependency}.{invariant.Route}";
        var calls = journals
            .Where(j => j.Dependency == invariant.Dependency || j.Dependency.StartsWith(invariant.Dependency + ".", StringComparison.Ordinal))
            .SelectMany(j => j.Calls)
            .Where(c => c.Route == invariant.Route)
            .ToArray();
        var beforeLoad = setUp is null ? 0 : calls.Where(c => c.TraceId is { } id && setUp.Contains(id)).GroupBy(c => c.TraceId).Count(g => g.Count() > 1);
        var setUpNote = beforeLoad == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $" Not counted: {beforeLoad} of the harness's journeys before the load (trace probe, warm-up) caused more than one call; the same code path runs under load.");
        calls = setUp is null ? calls : calls.Where(c => c.TraceId is not { } id || !setUp.Contains(id)).ToArray();
        var traced = calls.Where(c => c.TraceId is not null).ToArray();
        if (calls.Length > 0 && traced.Length == 0)
        {
            return new InvariantResult(label, false, $"none of the {calls.Length} calls to {invariant.Dependency} {invariant.Route} carried a traceparent, so calls per journey cannot be counted; "
                + "forward W3C trace context from the service to its outgoing HTTP calls (ASP.NET Core's HttpClient does by default; with OpenTelemetry, add its HttpClient instrumentation).", [], Measured: false);
        }

        var repeated = traced
            .GroupBy(c => c.TraceId!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min(c => c.At))
            .ToArray();
        if (repeated.Length == 0)
        {
            return new InvariantResult(label, true, string.Create(CultureInfo.InvariantCulture,
                $"no journey caused more than one call to {invariant.Dependency} {invariant.Route} ({traced.Length} calls from {traced.Select(c => c.TraceId).Distinct(StringComparer.Ordinal).Count()} journeys).{setUpNote}"), []);
        }

        var examples = repeated.Take(MaxExamples).Select(g =>
        {
            var journey = traces.TryFind(g.Key, out var trace) ? $"{trace.Journey} (user {trace.UserId.ToString(CultureInfo.InvariantCulture)}, ended {trace.Outcome})" : "a journey not in this run's ledger";
            var statuses = string.Join(", ", g.Select(c => c.StatusCode.ToString(CultureInfo.InvariantCulture) + (c.Faulted ? " (faulted)" : "")));
            return string.Create(CultureInfo.InvariantCulture, $"trace {g.Key}: {journey}: {g.Count()} calls to {invariant.Route}, answered {statuses}");
        }).ToArray();
        return new InvariantResult(label, false, string.Create(CultureInfo.InvariantCulture,
            $"{repeated.Length} journeys caused more than one call to {invariant.Dependency} {invariant.Route} ({repeated.Sum(g => g.Count() - 1)} extra calls): the same operation sent twice, such as a second transfer for one payment.{setUpNote}"), examples);
    }
}
