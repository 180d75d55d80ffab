using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Scenarios.ScenarioAssertions;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>The fault vocabulary: every kind, latency distributions, host cohorts, recovery shapes, and their errors.</summary>
public sealed class ScenarioLoaderFaultVocabularyTests
{
    private const string Brownout = "    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    fault: { kind: latency, delay: 2500ms, injectionRate: 0.3 }";

    [Fact]
    public void Parse_UniformLatency_ReadsItsBounds()
    {
        var fault = SingleBrownout("    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    fault: { kind: latency, distribution: uniform, min: 100ms, max: 2s }");

        fault.Fault.ShouldBe(new FaultSpec { Kind = FaultKind.Latency, Distribution = LatencyDistribution.Uniform, MinDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) });
    }

    [Fact]
    public void Parse_LongTailLatency_ReadsItsPercentilesAndCap()
    {
        var fault = SingleBrownout("    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    fault: { kind: latency, distribution: longTail, p50: 200ms, p99: 5s, max: 30s }");

        fault.Fault.Distribution.ShouldBe(LatencyDistribution.LongTail);
        fault.Fault.P50.ShouldBe(TimeSpan.FromMilliseconds(200));
        fault.Fault.P99.ShouldBe(TimeSpan.FromSeconds(5));
        fault.Fault.MaxDelay.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("{ kind: hang }", FaultKind.Hang, 60)]
    [InlineData("{ kind: hang, duration: 5s, injectionRate: 0.1 }", FaultKind.Hang, 5)]
    [InlineData("{ kind: abort, injectionRate: 0.05 }", FaultKind.Abort, 60)]
    [InlineData("{ kind: malformed }", FaultKind.Malformed, 60)]
    [InlineData("{ kind: truncated }", FaultKind.Truncated, 60)]
    [InlineData("{ kind: hostDown }", FaultKind.HostDown, 60)]
    public void Parse_EveryKind_IsRead(string fault, FaultKind kind, int hangSeconds)
    {
        var window = SingleBrownout($"    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    fault: {fault}");

        window.Fault.Kind.ShouldBe(kind);
        window.Fault.HangFor.ShouldBe(TimeSpan.FromSeconds(hangSeconds));
    }

    [Fact]
    public void Parse_FlappingCohortWithStagedRecovery_ReadsTheWholeWindow()
    {
        var window = SingleBrownout("""
                dependency: fulfillment
                hosts: { tags: { os: windows }, share: 0.5 }
                start: 10s
                duration: 10s
                recovery: { shape: staged, every: 5s }
                fault: { kind: flapping, down: 20s, up: 10s }
            """.TrimEnd());

        window.Dependency.ShouldBe("fulfillment");
        window.Hosts.ShouldBe(new HostCohort { Tags = new Dictionary<string, string> { ["os"] = "windows" }, Share = 0.5 });
        window.Recovery.ShouldBe(new FaultRecovery { Shape = RecoveryShape.Staged, Every = TimeSpan.FromSeconds(5) });
        window.Fault.ShouldBe(new FaultSpec { Kind = FaultKind.Flapping, DownFor = TimeSpan.FromSeconds(20), UpFor = TimeSpan.FromSeconds(10) });
    }

    [Fact]
    public void Parse_GradualRecovery_ReadsOver()
    {
        var window = SingleBrownout(Brownout.Replace("    fault:", "    recovery: { shape: gradual, over: 20s }\n    fault:", StringComparison.Ordinal));

        window.Recovery.ShouldBe(new FaultRecovery { Shape = RecoveryShape.Gradual, Over = TimeSpan.FromSeconds(20) });
    }

    [Theory]
    [InlineData("recovery: instant", RecoveryShape.Instant)]
    [InlineData("recovery: gradual", RecoveryShape.Gradual)]
    public void Parse_RecoveryAsAWord_UsesTheShapesDefaults(string line, RecoveryShape shape)
    {
        var window = SingleBrownout(Brownout.Replace("    fault:", $"    {line}\n    fault:", StringComparison.Ordinal));

        window.Recovery.ShouldBe(new FaultRecovery { Shape = shape });
    }

    [Theory]
    [InlineData("fulfillment.fc-win-1", "shipments")]
    [InlineData("identity", "token")]
    [InlineData("fulfillment", "lookup")]
    public void Parse_NewDependencies_AcceptTheirRoutes(string dependency, string route)
    {
        var window = SingleBrownout($"    dependency: {dependency}\n    route: {route}\n    start: 10s\n    duration: 10s\n    fault: {{ kind: abort }}");

        window.Dependency.ShouldBe(dependency);
        window.Route.ShouldBe(route);
    }

    [Theory]
    [InlineData("{ kind: latency, distribution: uniform, max: 2s }", "faults[1].fault.min", "is missing; add it, like min: 100ms.")]
    [InlineData("{ kind: latency, distribution: uniform, min: 3s, max: 2s }", "faults[1].fault.max", "2s is below min (3s); swap them, or raise max.")]
    [InlineData("{ kind: latency, distribution: longTail, p50: 2s, p99: 1s }", "faults[1].fault.p99", "1s is not above p50 (2s)")]
    [InlineData("{ kind: latency, distribution: longTail, p50: 1s, p99: 5s, max: 2s }", "faults[1].fault.max", "2s is below p99 (5s)")]
    [InlineData("{ kind: latency, distribution: uniform, delay: 1s, min: 0s, max: 2s }", "faults[1].fault.delay", "applies to the fixed distribution only, and this latency is uniform; remove it, or use distribution: fixed.")]
    [InlineData("{ kind: latency, distribution: lognormal, delay: 1s }", "faults[1].fault.distribution", "\"lognormal\" is not a latency distribution; use fixed, uniform or longTail.")]
    [InlineData("{ kind: flapping, down: -5s, up: 10s }", "faults[1].fault.down", "-5s is negative; a flapping host stays down for more than 0s each cycle, like down: 20s.")]
    [InlineData("{ kind: flapping, down: 5s }", "faults[1].fault.up", "is missing; add it, like up: 10s.")]
    [InlineData("{ kind: hang, duration: 0s }", "faults[1].fault.duration", "0s is zero; a hang holds the request")]
    [InlineData("{ kind: status, duration: 5s }", "faults[1].fault.duration", "applies to hang faults only, and this is a status fault; remove it, or use kind: hang.")]
    [InlineData("{ kind: abort, injectionRate: 1.5 }", "faults[1].fault.injectionRate", "1.5 is outside [0, 1]; use 0.05 for 5%.")]
    public void Parse_WrongFaultKeys_SayHowToFix(string fault, string field, string message)
    {
        var yaml = ScenarioYaml.With(Brownout, $"    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    fault: {fault}");

        SingleError(yaml).ShouldBeAt(field, ScenarioYaml.LineOf(yaml, fault), message);
    }

    [Theory]
    [InlineData("    dependency: payments.primary\n    route: lookup\n    start: 10s\n    duration: 10s\n    fault: { kind: hostDown }", "faults[1].route", "route: lookup", "a hostDown fault takes the whole host down, every route at once; remove route")]
    [InlineData("    dependency: payments.primary\n    hosts: { tags: { os: windows } }\n    start: 10s\n    duration: 10s\n    fault: { kind: hostDown }", "faults[1].hosts", "hosts:", "selects hosts of a pool, and payments.primary is not one; use dependency: fulfillment with hosts, or remove hosts.")]
    [InlineData("    dependency: fulfillment\n    hosts: { tags: { oss: windows } }\n    start: 10s\n    duration: 10s\n    fault: { kind: hostDown }", "faults[1].hosts.tags.oss", "oss:", "\"oss\" is not a host tag; did you mean os? Use os or centre.")]
    [InlineData("    dependency: fulfillment\n    hosts: { tags: { os: widnows } }\n    start: 10s\n    duration: 10s\n    fault: { kind: hostDown }", "faults[1].hosts.tags.os", "widnows", "\"widnows\" is not a value of os any host carries, so the cohort would select no host; did you mean windows? Use windows or linux.")]
    [InlineData("    dependency: fulfillment\n    hosts: { tags: { os: beos } }\n    start: 10s\n    duration: 10s\n    fault: { kind: hostDown }", "faults[1].hosts.tags.os", "beos", "\"beos\" is not a value of os any host carries, so the cohort would select no host; use windows or linux.")]
    [InlineData("    dependency: fulfillment\n    hosts: { share: 1.5 }\n    start: 10s\n    duration: 10s\n    fault: { kind: hostDown }", "faults[1].hosts.share", "1.5", "1.5 is outside (0, 1]")]
    [InlineData("    dependency: fulfillment\n    hosts: {}\n    start: 10s\n    duration: 10s\n    fault: { kind: hostDown }", "faults[1].hosts", "hosts:", "selects no hosts; write tags, share or both")]
    [InlineData("    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    recovery: staged\n    fault: { kind: hostDown }", "faults[1].recovery", "recovery: staged", "staged brings the hosts of a cohort back one by one, and payments.primary is not a pool")]
    [InlineData("    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    recovery: { shape: stepwise }\n    fault: { kind: hostDown }", "faults[1].recovery.shape", "stepwise", "\"stepwise\" is not a recovery shape; use instant, gradual or staged.")]
    [InlineData("    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    recovery: { shape: gradual, every: 5s }\n    fault: { kind: hostDown }", "faults[1].recovery.every", "every: 5s", "applies to a staged recovery only, and this one is gradual; remove it, or use shape: staged.")]
    [InlineData("    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    recovery: { shape: gradual, over: -1s }\n    fault: { kind: hostDown }", "faults[1].recovery.over", "over: -1s", "-1s is negative")]
    [InlineData("    dependency: payments.primary\n    start: 10s\n    duration: 70s\n    recovery: { shape: gradual, over: 30s }\n    fault: { kind: abort }", "faults[1].recovery.over", "recovery: {", "the gradual recovery would end at 110s, after the load ends at 90s; shorten over to 10s or less")]
    [InlineData("    dependency: identity\n    route: tokens\n    start: 10s\n    duration: 10s\n    fault: { kind: abort }", "faults[1].route", "route: tokens", "\"tokens\" is not a route of identity; did you mean token? Use discovery, jwks or token.")]
    [InlineData("    dependency: fulfillment.FC_1\n    start: 10s\n    duration: 10s\n    fault: { kind: abort }", "faults[1].dependency", "fulfillment.FC_1", "A host name is lower-case letters, digits and hyphens, like fulfillment.fc-win-1.")]
    public void Parse_WrongTargetsOrRecoveries_SayHowToFix(string item, string field, string lineFragment, string message)
    {
        var yaml = ScenarioYaml.With(Brownout, item);

        SingleError(yaml).ShouldBeAt(field, ScenarioYaml.LineOf(yaml, lineFragment), message);
    }

    [Fact]
    public void Parse_OverlappingCohortFaultsOfTheSameKind_AreReported()
    {
        var yaml = ScenarioYaml.With(
            Brownout,
            "    dependency: fulfillment\n    hosts: { tags: { os: windows } }\n    start: 10s\n    duration: 10s\n    fault: { kind: hostDown }\n"
            + "  - name: second-crash\n    dependency: fulfillment\n    hosts: { tags: { os: windows } }\n    start: 15s\n    duration: 10s\n    fault: { kind: hostDown }");

        SingleError(yaml).ShouldBeAt("faults[2].start", ScenarioYaml.LineOf(yaml, "start: 15s"), "second-crash (15s to 25s) overlaps brownout (10s to 20s, faults[1]), another hostDown fault on fulfillment (every route), hosts os=windows;");
    }

    [Fact]
    public void Parse_OverlappingFaultsOnDifferentCohorts_AreAllowed()
    {
        var yaml = ScenarioYaml.With(
            Brownout,
            "    dependency: fulfillment\n    hosts: { tags: { os: windows } }\n    start: 10s\n    duration: 10s\n    fault: { kind: hostDown }\n"
            + "  - name: linux-crash\n    dependency: fulfillment\n    hosts: { tags: { os: linux } }\n    start: 15s\n    duration: 10s\n    fault: { kind: hostDown }");

        ScenarioLoader.Parse(yaml, ScenarioYaml.Path).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_GradualTailOverlappingTheNextFault_IsReported()
    {
        var yaml = ScenarioYaml.With(
            Brownout,
            "    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    recovery: { shape: gradual, over: 10s }\n    fault: { kind: abort }\n"
            + "  - name: aftershock\n    dependency: payments.primary\n    start: 25s\n    duration: 5s\n    fault: { kind: abort }");

        SingleError(yaml).Message.ShouldContain("overlaps brownout (10s to 20s, recovering until 30s, faults[1])");
    }

    [Fact]
    public void Parse_ReadmeFaultExamples_AreValid()
    {
        var readme = File.ReadAllText(SourceTree.Find(Path.Combine("scenarios", "README.md"))).ReplaceLineEndings("\n");
        var examples = readme.Split("```yaml\n").Skip(1).Select(block => block[..block.IndexOf("```", StringComparison.Ordinal)])
            .Where(block => block.StartsWith("  - name: ", StringComparison.Ordinal))
            .ToArray();

        examples.Length.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var example in examples)
        {
            var result = ScenarioLoader.Parse(ScenarioYaml.With("  - name: brownout\n" + Brownout, example.TrimEnd('\n')), ScenarioYaml.Path);
            result.Errors.ShouldBeEmpty(example + string.Join(Environment.NewLine, result.Errors));
        }
    }

    private static FaultWindow SingleBrownout(string item)
    {
        var result = ScenarioLoader.Parse(ScenarioYaml.With(Brownout, item), ScenarioYaml.Path);
        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        return result.Scenario!.Faults.Single(f => f.Name == "brownout");
    }
}
