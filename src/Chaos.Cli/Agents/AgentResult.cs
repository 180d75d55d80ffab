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
internal sealed record AgentResult(int Index, RecorderExport Recorder, JsonElement? Ledgers, long Scheduled, long Started, long Dropped, double ElapsedSeconds, double TargetRate);
