using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Scenarios.ScenarioAssertions;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>Errors of the <c>faults:</c> section: the fault timeline.</summary>
public sealed class ScenarioLoaderFaultTests
{
    [Fact]
    public void Parse_InjectionRateAboveOne_GivesTheDocumentedMessage()
    {
        var yaml = ScenarioYaml.With("injectionRate: 0.3", "injectionRate: 1.5");

        SingleError(yaml).ToString().ShouldBe(
            $"{ScenarioYaml.Path}:{ScenarioYaml.LineOf(yaml, "injectionRate: 1.5")}: faults[1].fault.injectionRate: 1.5 is outside [0, 1]; use 0.05 for 5%.");
    }

    [Fact]
    public void Parse_InjectionRateNegative_IsOutsideTheRange()
    {
        var yaml = ScenarioYaml.With("injectionRate: 0.3", "injectionRate: -0.1");

        SingleError(yaml).ShouldBeAt("faults[1].fault.injectionRate", ScenarioYaml.LineOf(yaml, "-0.1"), "-0.1 is outside [0, 1]");
    }

    [Fact]
    public void Parse_InjectionRateAsPercent_SuggestsTheFraction()
    {
        var yaml = ScenarioYaml.With("injectionRate: 0.3", "injectionRate: 30%");

        SingleError(yaml).Message.ShouldBe("\"30%\" is not a number; write a share as a fraction, 0.3 for 30%.");
    }

    [Fact]
    public void Parse_UnknownFaultKind_ListsTheKnownKinds()
    {
        var yaml = ScenarioYaml.With("kind: latency", "kind: explode");

        SingleError(yaml).ShouldBeAt("faults[1].fault.kind", ScenarioYaml.LineOf(yaml, "kind: explode"), "\"explode\" is not a fault kind; use status, latency, hang, abort, malformed, truncated, hostDown, flapping or crash.");
    }

    [Fact]
    public void Parse_MisspeltFaultKind_SuggestsTheClosest()
    {
        var yaml = ScenarioYaml.With("kind: latency", "kind: latncy");

        SingleError(yaml).Message.ShouldBe("\"latncy\" is not a fault kind; did you mean latency? Use status, latency, hang, abort, malformed, truncated, hostDown, flapping or crash.");
    }

    [Fact]
    public void Parse_LatencyWithoutDelay_SaysDelayIsMissing()
    {
        var yaml = ScenarioYaml.With("kind: latency, delay: 2500ms,", "kind: latency,");

        SingleError(yaml).ShouldBeAt("faults[1].fault.delay", ScenarioYaml.LineOf(yaml, "kind: latency"), "is missing; add it, like delay: 2500ms.");
    }

    [Fact]
    public void Parse_KeyOfTheOtherKind_SaysItDoesNotApply()
    {
        var yaml = ScenarioYaml.With("kind: latency, delay: 2500ms,", "kind: latency, delay: 2500ms, status: 503,");

        SingleError(yaml).ShouldBeAt("faults[1].fault.status", ScenarioYaml.LineOf(yaml, "status: 503,", 2), "applies to status faults only", "use kind: status");
    }

    [Fact]
    public void Parse_StatusOutsideErrorRange_SaysHowToFix()
    {
        var yaml = ScenarioYaml.With("status: 503", "status: 200");

        SingleError(yaml).ShouldBeAt("faults[0].fault.status", ScenarioYaml.LineOf(yaml, "status: 200"), "200 is outside [400, 599]");
    }

    [Fact]
    public void Parse_FaultKeyOutsideFault_SaysWhereItBelongs()
    {
        var yaml = ScenarioYaml.With("    start: 10s\n", "    start: 10s\n    injectionRate: 0.5\n");

        SingleError(yaml).ShouldBeAt("faults[1].injectionRate", ScenarioYaml.LineOf(yaml, "injectionRate: 0.5"), "belongs inside fault");
    }

    [Fact]
    public void Parse_NegativeStart_SaysFaultsStartAtZeroOrLater()
    {
        var yaml = ScenarioYaml.With("start: 10s", "start: -5s");

        SingleError(yaml).ShouldBeAt("faults[1].start", ScenarioYaml.LineOf(yaml, "start: -5s"), "-5s is negative; a fault starts at 0s");
    }

    [Fact]
    public void Parse_ZeroFaultDuration_SaysItMustBePositive()
    {
        var yaml = ScenarioYaml.With("duration: 25s", "duration: 0s");

        SingleError(yaml).ShouldBeAt("faults[0].duration", ScenarioYaml.LineOf(yaml, "duration: 0s"), "0s is zero");
    }

    [Fact]
    public void Parse_FaultPastTheLoadsEnd_SaysHowMuchToShortenIt()
    {
        var yaml = ScenarioYaml.With("duration: 25s", "duration: 75s");

        SingleError(yaml).ShouldBeAt(
            "faults[0].duration",
            ScenarioYaml.LineOf(yaml, "duration: 75s"),
            "the fault would end at 95s, after the load ends at 90s; shorten it to 70s or less, or lengthen load.phases.");
    }

    [Fact]
    public void Parse_FaultStartingAfterTheLoad_SaysToStartItEarlier()
    {
        var yaml = ScenarioYaml.With("start: 20s", "start: 2m");

        SingleError(yaml).ShouldBeAt("faults[0].start", ScenarioYaml.LineOf(yaml, "start: 2m"), "2m is at or after the end of the load (90s)");
    }

    [Fact]
    public void Parse_OverlappingFaultsOfSameKindOnSameRoute_ReportsTheOverlap()
    {
        var yaml = ScenarioYaml.InsertAfter(
            "faults:",
            "  - { name: early, dependency: payments.primary, route: charges, start: 0s, duration: 30s, fault: { kind: status, status: 500 } }\n");

        SingleError(yaml).ShouldBeAt(
            "faults[1].start",
            ScenarioYaml.LineOf(yaml, "start: 20s"),
            "outage (20s to 45s) overlaps early (0s to 30s, faults[0]), another status fault on payments.primary route charges");
    }

    [Fact]
    public void Parse_TouchingWindows_AreNotAnOverlap()
    {
        var yaml = ScenarioYaml.InsertAfter(
            "faults:",
            "  - { name: early, dependency: payments.primary, route: charges, start: 0s, duration: 20s, fault: { kind: status } }\n");

        Chaos.Engine.Scenarios.ScenarioLoader.Parse(yaml, ScenarioYaml.Path).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_UnknownDependency_SuggestsTheClosest()
    {
        var yaml = ScenarioYaml.With("dependency: payments.primary\n    start: 10s", "dependency: payments.primry\n    start: 10s");

        SingleError(yaml).ShouldBeAt(
            "faults[1].dependency",
            ScenarioYaml.LineOf(yaml, "payments.primry"),
            "\"payments.primry\" is not a dependency; did you mean payments.primary? Use payments.primary, payments.secondary, identity, fulfillment, tax or fulfillment.<host>.");
    }

    [Fact]
    public void Parse_UnknownRoute_ListsTheDependencysRoutes()
    {
        var yaml = ScenarioYaml.With("route: charges", "route: refunds");

        SingleError(yaml).ShouldBeAt(
            "faults[0].route",
            ScenarioYaml.LineOf(yaml, "route: refunds"),
            "\"refunds\" is not a route of payments.primary; use charges, lookup or capture. Or remove route to fault every route.");
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("fault")]
    [InlineData("recovery")]
    [InlineData("run")]
    public void Parse_ReservedFaultName_SaysToPickAnother(string reserved)
    {
        var yaml = ScenarioYaml.With("- name: brownout", $"- name: {reserved}");

        SingleError(yaml).ShouldBeAt("faults[1].name", ScenarioYaml.LineOf(yaml, $"- name: {reserved}"), "is a reserved phase name");
    }

    [Fact]
    public void Parse_DuplicateFaultName_SaysToRenameOne()
    {
        var yaml = ScenarioYaml.With("- name: brownout", "- name: outage");

        SingleError(yaml).ShouldBeAt("faults[1].name", ScenarioYaml.LineOf(yaml, "- name: outage", 2), "\"outage\" is already the name of the fault on line 25");
    }

    [Fact]
    public void Parse_FaultWithoutRequiredFields_ReportsEachMissingField()
    {
        var yaml = ScenarioYaml.With(
            "  - name: brownout\n    dependency: payments.primary\n    start: 10s\n    duration: 10s\n    fault: { kind: latency, delay: 2500ms, injectionRate: 0.3 }",
            "  - name: brownout");

        var errors = Errors(yaml);

        errors.Select(e => e.Field).ShouldBe(["faults[1].dependency", "faults[1].start", "faults[1].duration", "faults[1].fault"], ignoreOrder: true);
        errors.ShouldAllBe(e => e.Line == ScenarioYaml.LineOf(yaml, "- name: brownout") && e.Message.StartsWith("is missing; add it, like "));
    }

    [Fact]
    public void Parse_FaultAsText_NamesTheExpectedType()
    {
        var yaml = ScenarioYaml.With("{ kind: latency, delay: 2500ms, injectionRate: 0.3 }", "latency");

        SingleError(yaml).ShouldBeAt("faults[1].fault", ScenarioYaml.LineOf(yaml, "fault: latency"), "expected a map, got \"latency\"");
    }
}
