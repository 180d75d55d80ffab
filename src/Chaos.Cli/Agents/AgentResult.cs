using System.Text.Json;
using Chaos.Engine.Metrics;

namespace Chaos.Cli.Agents;

/// <summary>An agent's results.</summary>
/// <param name="Index">The agent's segment.</param>
/// <param name="Recorder">Its recorder (counts and HdrHistogram interval log).</param>
/// <param name="Ledgers">Its target's ledgers (orders, probes), in the target's form.</param>
/// <param name="Scheduled">The arrivals and iterations it scheduled.</param>
/// <param name="Started">Those it started.</param>
/// <param name="Dropped">Those dropped at the in-flight bound.</param>
/// <param name="ElapsedSeconds">How long its load and drain took.</param>
/// <param name="TargetRate">The whole schedule's mean rate.</param>
/// <param name="ClockOffsetMs">How far the coordinator's clock was ahead of the agent's, in milliseconds (the agent started at the coordinator's instant less this).</param>
/// <param name="ClockRoundTripMs">The round trip of the clock reading it used; the offset is wrong by at most half of it.</param>
/// <param name="StartLagMs">
/// When its load started against the coordinator's start instant, on the coordinator's clock (its own clock plus the
/// offset), in milliseconds: positive when it started late. A skew between the hosts' clocks that the offset did not
/// take out shows here.
/// </param>
internal sealed record AgentResult(
    int Index, RecorderExport Recorder, JsonElement? Ledgers, long Scheduled, long Started, long Dropped, double ElapsedSeconds, double TargetRate,
    double ClockOffsetMs = 0, double ClockRoundTripMs = 0, double StartLagMs = 0);
