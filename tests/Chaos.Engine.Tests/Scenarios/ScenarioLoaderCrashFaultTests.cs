using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Scenarios.ScenarioAssertions;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>A fault on the system under test itself: <c>target: service</c> with <c>kind: crash</c>.</summary>
public sealed class ScenarioLoaderCrashFaultTests
{
    private const string Crash = """
          - name: storefront-crash
            target: service
            start: 30s
            fault: { kind: crash, restartAfter: 3s }

        """;

    [Fact]
    public void Parse_Crash_IsAWindowOnTheServiceFromTheKillToTheRestart()
    {
        var result = ScenarioLoader.Parse(WithCrash(Crash), ScenarioYaml.Path);

        result.Errors.ShouldBeEmpty();
        var crash = result.Scenario!.Faults.Single(f => f.Name == "storefront-crash");
        crash.Dependency.ShouldBe(ScenarioVocabulary.ServiceTarget);
        crash.Start.ShouldBe(TimeSpan.FromSeconds(30));
        crash.End.ShouldBe(TimeSpan.FromSeconds(33));
        crash.Fault.Kind.ShouldBe(FaultKind.Crash);
        crash.Fault.RestartAfter.ShouldBe(TimeSpan.FromSeconds(3));
        crash.Route.ShouldBeNull();
    }

    [Fact]
    public void Parse_CrashWithoutRestartAfter_SaysItIsMissing()
    {
        var yaml = WithCrash(Crash.Replace("kind: crash, restartAfter: 3s", "kind: crash", StringComparison.Ordinal));

        SingleError(yaml).ShouldBeAt("faults[0].fault.restartAfter", ScenarioYaml.LineOf(yaml, "kind: crash"), "is missing; add it, like restartAfter: 3s.");
    }

    [Theory]
    [InlineData("-3s")]
    [InlineData("0s")]
    public void Parse_CrashRestartAfterNotAboveZero_SaysHowLongToWait(string restartAfter)
    {
        var yaml = WithCrash(Crash.Replace("restartAfter: 3s", $"restartAfter: {restartAfter}", StringComparison.Ordinal));

        SingleError(yaml).ShouldBeAt("faults[0].fault.restartAfter", ScenarioYaml.LineOf(yaml, "kind: crash"), "like restartAfter: 3s");
    }

    [Fact]
    public void Parse_CrashOnADependency_SaysToTargetTheService()
    {
        var yaml = WithCrash("""
              - name: storefront-crash
                dependency: payments.primary
                start: 30s
                duration: 3s
                fault: { kind: crash, restartAfter: 3s }

            """);

        SingleError(yaml).ShouldBeAt("faults[0].dependency", ScenarioYaml.LineOf(yaml, "dependency: payments.primary"), "a crash kills the system under test, not a dependency; write target: service instead of dependency: payments.primary");
    }

    [Theory]
    [InlineData("dependency: payments.primary", "faults[0].dependency", "a fault has a target or a dependency, not both")]
    [InlineData("route: charges", "faults[0].route", "a crash kills the whole service, every route at once; remove route.")]
    [InlineData("hosts: { tags: { os: windows } }", "faults[0].hosts", "the service is not one; remove hosts.")]
    [InlineData("duration: 3s", "faults[0].duration", "remove duration, and write fault: { kind: crash, restartAfter: 3s }.")]
    [InlineData("recovery: gradual", "faults[0].recovery", "restarted after fault.restartAfter; remove recovery.")]
    public void Parse_CrashWithAKeyOfADependencyFault_SaysToRemoveIt(string line, string field, string message)
    {
        var yaml = WithCrash(Crash.Replace("    target: service\n", $"    target: service\n    {line}\n", StringComparison.Ordinal));

        SingleError(yaml).ShouldBeAt(field, ScenarioYaml.LineOf(yaml, line), message);
    }

    [Fact]
    public void Parse_ServiceTargetWithAnotherKind_SaysOnlyCrash()
    {
        var yaml = WithCrash(Crash.Replace("kind: crash, restartAfter: 3s", "kind: status, status: 503", StringComparison.Ordinal));

        SingleError(yaml).ShouldBeAt("faults[0].fault.kind", ScenarioYaml.LineOf(yaml, "kind: status, status: 503"), "target: service takes kind: crash only");
    }

    [Fact]
    public void Parse_UnknownTarget_ListsService()
    {
        var yaml = WithCrash(Crash.Replace("target: service", "target: storefront", StringComparison.Ordinal));

        SingleError(yaml).ShouldBeAt("faults[0].target", ScenarioYaml.LineOf(yaml, "target: storefront"), "\"storefront\" is not a fault target; use service.");
    }

    [Fact]
    public void Parse_CrashWithInjectionRate_SaysACrashHappensOnce()
    {
        var yaml = WithCrash(Crash.Replace("restartAfter: 3s", "restartAfter: 3s, injectionRate: 0.5", StringComparison.Ordinal));

        SingleError(yaml).ShouldBeAt("faults[0].fault.injectionRate", ScenarioYaml.LineOf(yaml, "injectionRate: 0.5"), "a crash kills the service once, at start; remove injectionRate.");
    }

    [Fact]
    public void Parse_TwoCrashesOverlapping_SaysTheSecondComesBeforeTheRestart()
    {
        var second = Crash.Replace("storefront-crash", "second-crash", StringComparison.Ordinal).Replace("start: 30s", "start: 32s", StringComparison.Ordinal);
        var yaml = WithCrash(Crash + second);

        SingleError(yaml).ShouldBeAt(
            "faults[1].start",
            ScenarioYaml.LineOf(yaml, "start: 32s"),
            "second-crash (32s to 35s) crashes the service before storefront-crash (30s to 33s, faults[0]) has restarted it; start it at 33s or later");
    }

    [Fact]
    public void Parse_CrashRestartingAfterTheLoad_NamesRestartAfter()
    {
        var yaml = WithCrash(Crash.Replace("start: 30s", "start: 88s", StringComparison.Ordinal));

        SingleError(yaml).ShouldBeAt("faults[0].fault.restartAfter", ScenarioYaml.LineOf(yaml, "kind: crash"), "the fault would end at 91s, after the load ends at 90s");
    }

    private static string WithCrash(string faults) => ScenarioYaml.InsertAfter("faults:", faults);
}
