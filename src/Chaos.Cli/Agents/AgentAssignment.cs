using System.Text.Json;
using Chaos.Engine.Metrics;

namespace Chaos.Cli.Agents;

/// <summary>What the coordinator gives agent <see cref="Index"/>: the scenario (and the system file it names), its segment, the service's URL.</summary>
/// <param name="Index">The agent's segment, from 0.</param>
/// <param name="Count">The number of agents.</param>
/// <param name="Segments">The execution segment sequence, k6's form (<c>0,1/3,2/3,1</c>).</param>
/// <param name="ScenarioPath">The scenario's file, for messages.</param>
/// <param name="ScenarioYaml">The scenario's text.</param>
/// <param name="LoadScale">The <c>--load-scale</c> of the run.</param>
/// <param name="ServiceUrl">The base URL of the service under test (the storefront, or the system file's service), as the coordinator reaches it.</param>
/// <param name="SystemYaml">The text of the system file the scenario names, or null for a storefront scenario.</param>
internal sealed record AgentAssignment(int Index, int Count, string Segments, string ScenarioPath, string ScenarioYaml, double LoadScale, Uri ServiceUrl, string? SystemYaml = null);
