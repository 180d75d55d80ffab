using System.Text.Json;
using Chaos.Engine.Metrics;

namespace Chaos.Cli.Agents;

/// <summary>What the coordinator gives agent <see cref="Index"/>: the scenario, its segment, the service's URL.</summary>
/// <param name="Index">The agent's segment, from 0.</param>
/// <param name="Count">The number of agents.</param>
/// <param name="Segments">The execution segment sequence, k6's form (<c>0,1/3,2/3,1</c>).</param>
/// <param name="ScenarioPath">The scenario's file, for messages.</param>
/// <param name="ScenarioYaml">The scenario's text.</param>
/// <param name="LoadScale">The <c>--load-scale</c> of the run.</param>
/// <param name="StorefrontUrl">The storefront's base URL, as the coordinator reaches it.</param>
internal sealed record AgentAssignment(int Index, int Count, string Segments, string ScenarioPath, string ScenarioYaml, double LoadScale, Uri StorefrontUrl);

/// <summary>The coordinator's answer at the start barrier.</summary>
/// <param name="StartAt">The instant (UTC) every agent starts its segment.</param>
internal sealed record AgentStart(DateTimeOffset StartAt);

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

/// <summary>An agent that could not run its segment, and why.</summary>
/// <param name="Index">The agent's segment.</param>
/// <param name="Message">What went wrong.</param>
internal sealed record AgentFailure(int Index, string Message);

/// <summary>A refusal by the coordinator, read by the agent and printed as is.</summary>
/// <param name="Error">What is wrong and how to fix it.</param>
internal sealed record AgentRefusal(string Error);
