using System.CommandLine;
using System.Net;
using Chaos.Cli;
using Chaos.Cli.Agents;
using Chaos.Cli.Commands;
using k8s;
using k8s.Models;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Deploy;

/// <summary>
/// deploy/kubernetes, checked offline (no cluster here): every manifest deserialises into KubernetesClient's models, the
/// agents are an Indexed Job as wide as the coordinator's --agents, every pod requests resources, and every command line
/// a pod gives `chaos` parses with the CLI's own options (a manifest passing an option the CLI does not have fails here).
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Directory = Path.Combine(Repository.Root, "deploy", "kubernetes");

    private static readonly IReadOnlyList<IKubernetesObject> Objects = [.. System.IO.Directory.EnumerateFiles(Directory, "*.yaml")
        .Order(StringComparer.Ordinal)
        .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file)).Cast<IKubernetesObject>())];

    [Fact]
    public void Manifests_Deserialise_IntoTheObjectsOfARun()
    {
        Objects.Select(o => $"{o.Kind}/{((IMetadata<V1ObjectMeta>)o).Metadata.Name}").Order(StringComparer.Ordinal).ShouldBe([
            "Deployment/chaos-simulators",
            "Deployment/chaos-storefront",
            "Job/chaos-agents",
            "Job/chaos-coordinator",
            "Namespace/chaos",
            "Service/chaos-coordinator",
            "Service/chaos-simulators",
            "Service/chaos-storefront",
        ]);
        Objects.Where(o => o is not V1Namespace).ShouldAllBe(o => ((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty == "chaos");
        File.Exists(Path.Combine(Directory, "README.md")).ShouldBeTrue();
    }

    [Fact]
    public void Agents_AreAnIndexedJobAsWideAsTheCoordinatorsAgentsAndReachItsService()
    {
        var agents = Job("chaos-agents");
        var coordinator = Job("chaos-coordinator");
        var agentArgs = Container(agents).Args;
        var coordinatorArgs = Container(coordinator).Args;

        agents.Spec.CompletionMode.ShouldBe("Indexed");
        var count = int.Parse(Value(coordinatorArgs, "--agents"), System.Globalization.CultureInfo.InvariantCulture);
        agents.Spec.Completions.ShouldBe(count);
        agents.Spec.Parallelism.ShouldBe(count, "every agent must reach the start barrier together");
        Value(agentArgs, "--count").ShouldBe(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        agentArgs.ShouldNotContain(a => a.StartsWith("--index", StringComparison.Ordinal), "each pod's segment is its JOB_COMPLETION_INDEX");
        AgentCommand.CompletionIndexVariable.ShouldBe("JOB_COMPLETION_INDEX");

        var service = Service("chaos-coordinator");
        var listenPort = Value(coordinatorArgs, "--coordinator-listen").Split(':')[^1];
        service.Spec.Ports.ShouldContain(p => p.Port.ToString() == listenPort && p.TargetPort.Value == listenPort);
        Value(agentArgs, "--coordinator").ShouldBe($"http://{service.Metadata.Name}:{listenPort}");
        service.Spec.Selector.ShouldAllBe(pair => coordinator.Spec.Template.Metadata.Labels[pair.Key] == pair.Value);
    }

    [Fact]
    public void Coordinator_DrivesTheStorefrontAndSimulatorsThroughTheirServices()
    {
        var args = Container(Job("chaos-coordinator")).Args;

        new Uri(Value(args, "--storefront-url")).ShouldSatisfyAllConditions(
            url => url.Host.ShouldBe("chaos-storefront"),
            url => Service("chaos-storefront").Spec.Ports.ShouldContain(p => p.Port == url.Port));
        new Uri(Value(args, "--simulators-url")).ShouldSatisfyAllConditions(
            url => url.Host.ShouldBe("chaos-simulators"),
            url => Service("chaos-simulators").Spec.Ports.ShouldContain(p => p.Port == url.Port));
        Service("chaos-simulators").Spec.Selector.ShouldAllBe(pair => Deployment("chaos-simulators").Spec.Template.Metadata.Labels[pair.Key] == pair.Value);
        Service("chaos-storefront").Spec.Selector.ShouldAllBe(pair => Deployment("chaos-storefront").Spec.Template.Metadata.Labels[pair.Key] == pair.Value);
    }

    [Fact]
    public void EveryContainer_RequestsCpuAndMemory()
    {
        foreach (var (name, container) in Containers())
        {
            container.Resources?.Requests.ShouldNotBeNull($"{name} requests nothing");
            container.Resources!.Requests.Keys.ShouldBe(["cpu", "memory"], ignoreOrder: true, $"{name}");
        }
    }

    [Fact]
    public void EveryChaosCommandLine_ParsesWithTheCliOwnOptions()
    {
        var root = ChaosApp.Create(new TestConsole(), TextWriter.Null);
        var checkedLines = 0;
        foreach (var (name, container) in Containers().Where(c => c.Container.Image.StartsWith("chaos-cli", StringComparison.Ordinal)))
        {
            // The pod's address is only known in the cluster; any address stands for it here.
            var args = container.Args.Select(a => a.Replace("$(POD_IP)", "10.1.2.3", StringComparison.Ordinal)).ToArray();
            var parsed = root.Parse(args);
            parsed.Errors.Select(e => e.Message).ShouldBeEmpty($"{name}: chaos {string.Join(' ', args)}");
            parsed.CommandResult.Command.Name.ShouldBe(args[0], name);
            if (args[0] == "run")
            {
                var settings = new RunCommand.Settings("x", null, [], Quiet: true)
                {
                    Agents = int.Parse(Value(args, "--agents"), System.Globalization.CultureInfo.InvariantCulture),
                    CoordinatorListen = Value(args, "--coordinator-listen"),
                    AgentTimeout = Value(args, "--agent-timeout"),
                };
                AgentOptions.Parse(settings, TextWriter.Null).ShouldNotBeNull($"{name}: the agent options are refused")
                    .Address.ShouldBe(IPAddress.Parse("10.1.2.3"));
            }

            checkedLines++;
        }

        checkedLines.ShouldBe(3, "simulators, coordinator and agents run chaos");
    }

    private static IEnumerable<(string Name, V1Container Container)> Containers() => Objects.SelectMany(o => o switch
    {
        V1Deployment d => d.Spec.Template.Spec.Containers.Select(c => ($"Deployment/{d.Metadata.Name}", c)),
        V1Job j => j.Spec.Template.Spec.Containers.Select(c => ($"Job/{j.Metadata.Name}", c)),
        _ => [],
    });

    private static V1Job Job(string name) => Objects.OfType<V1Job>().Single(j => j.Metadata.Name == name);

    private static V1Deployment Deployment(string name) => Objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == name);

    private static V1Service Service(string name) => Objects.OfType<V1Service>().Single(s => s.Metadata.Name == name);

    private static V1Container Container(V1Job job) => job.Spec.Template.Spec.Containers.Single();

    /// <summary>The value of <paramref name="option"/> in <c>--option=value</c> or <c>--option value</c> form.</summary>
    private static string Value(IList<string> args, string option)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith(option + "=", StringComparison.Ordinal))
            {
                return args[i][(option.Length + 1)..];
            }

            if (args[i] == option && i + 1 < args.Count)
            {
                return args[i + 1];
            }
        }

        throw new ShouldAssertException($"{option} is not in {string.Join(' ', args)}");
    }
}
