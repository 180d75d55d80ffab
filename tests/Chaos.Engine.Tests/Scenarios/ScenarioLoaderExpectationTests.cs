using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Scenarios.ScenarioAssertions;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>Errors of the <c>expectations:</c> section.</summary>
public sealed class ScenarioLoaderExpectationTests
{
    [Fact]
    public void Parse_UnknownPhase_ListsThePhasesAndFaultNames()
    {
        var yaml = ScenarioYaml.With("- phase: run", "- phase: outgae");

        SingleError(yaml).ToString().ShouldBe(
            $"{ScenarioYaml.Path}:{ScenarioYaml.LineOf(yaml, "outgae")}: expectations[3].phase: \"outgae\" is not a phase; use baseline, fault, recovery, run or a fault name (outage, brownout).");
    }

    [Fact]
    public void Parse_TwoMetricsInOneExpectation_ReportsTheSecond()
    {
        var yaml = ScenarioYaml.With("    p99: { atMost: 2s }\n", "    p99: { atMost: 2s }\n    p50: { atMost: 1s }\n");

        SingleError(yaml).ShouldBeAt(
            "expectations[1].p50",
            ScenarioYaml.LineOf(yaml, "p50:"),
            $"an expectation bounds one metric, and this one already bounds p99 (line {ScenarioYaml.LineOf(yaml, "p99:")}); move p50 to an expectation of its own.");
    }

    [Fact]
    public void Parse_ExpectationWithoutMetric_ListsTheMetrics()
    {
        var yaml = ScenarioYaml.With("    p99: { atMost: 2s }\n", "");

        SingleError(yaml).ShouldBeAt(
            "expectations[1]",
            ScenarioYaml.LineOf(yaml, "- phase: outage", 2),
            "has no metric; add one of successRate, availableRate, p50, p95, p99, timeToCircuitOpen, timeToRecover, amplification, unexpectedFailures, fallbacks, retriesPerRequest or drainTime");
    }

    [Fact]
    public void Parse_RateAboveOne_SaysRatesAreFractions()
    {
        var yaml = ScenarioYaml.With("atLeast: 0.95", "atLeast: 95");

        SingleError(yaml).ShouldBeAt("expectations[0].successRate.atLeast", ScenarioYaml.LineOf(yaml, "atLeast: 95"), "95 is outside [0, 1]; use 0.95 for 95%.");
    }

    [Fact]
    public void Parse_LatencyBoundWithoutUnit_SuggestsAUnit()
    {
        var yaml = ScenarioYaml.With("p99: { atMost: 2s }", "p99: { atMost: 2 }");

        SingleError(yaml).ShouldBeAt("expectations[1].p99.atMost", ScenarioYaml.LineOf(yaml, "p99:"), "2 has no unit; write 2s");
    }

    [Fact]
    public void Parse_BoundsReversed_SaysToSwapThem()
    {
        var yaml = ScenarioYaml.With("{ atMost: 3 }", "{ atLeast: 3, atMost: 1 }");

        SingleError(yaml).ShouldBeAt("expectations[3].amplification.atLeast", ScenarioYaml.LineOf(yaml, "amplification"), "3 is above atMost 1", "swap them");
    }

    [Fact]
    public void Parse_NoBounds_SaysToAddOne()
    {
        var yaml = ScenarioYaml.With("{ atMost: 3 }", "{ }");

        SingleError(yaml).ShouldBeAt("expectations[3].amplification", ScenarioYaml.LineOf(yaml, "amplification"), "needs atLeast, atMost or both; write it like amplification: { atMost: 3 }.");
    }

    [Fact]
    public void Parse_MetricAsNumber_SaysToWriteBounds()
    {
        var yaml = ScenarioYaml.With("successRate: { atLeast: 0.95 }", "successRate: 0.95");

        SingleError(yaml).ShouldBeAt("expectations[0].successRate", ScenarioYaml.LineOf(yaml, "successRate"), "expected a map, got 0.95; write it like successRate: { atLeast: 0.95 }.");
    }

    [Fact]
    public void Parse_NegativeAmplification_SaysItIsZeroOrMore()
    {
        var yaml = ScenarioYaml.With("{ atMost: 3 }", "{ atMost: -1 }");

        SingleError(yaml).Message.ShouldStartWith("-1 is negative");
    }

    [Fact]
    public void Parse_BoundOutsideMetric_SaysWhereItBelongs()
    {
        var yaml = ScenarioYaml.With("    p99: { atMost: 2s }\n", "    p99: { atMost: 2s }\n    atLeast: 1s\n");

        SingleError(yaml).ShouldBeAt("expectations[1].atLeast", ScenarioYaml.LineOf(yaml, "atLeast: 1s"), "belongs inside the metric");
    }

    [Fact]
    public void Parse_CircuitMetricWithoutDependency_SaysToAddIt()
    {
        var yaml = ScenarioYaml.With("    dependency: payments.primary\n    timeToCircuitOpen", "    timeToCircuitOpen");

        SingleError(yaml).ShouldBeAt("expectations[2].dependency", ScenarioYaml.LineOf(yaml, "- phase: outage", 3), "is missing", "dependency: payments.primary");
    }

    [Fact]
    public void Parse_CircuitMetricOnReservedPhase_SaysThePhaseMustBeAFault()
    {
        var yaml = ScenarioYaml.With("  - phase: outage\n    dependency: payments.primary\n    timeToCircuitOpen", "  - phase: run\n    dependency: payments.primary\n    timeToCircuitOpen");

        SingleError(yaml).ShouldBeAt(
            "expectations[2].phase",
            ScenarioYaml.LineOf(yaml, "- phase: run"),
            "timeToCircuitOpen is measured from a fault's start, so the phase must name a fault (outage, brownout), not run.");
    }

    [Fact]
    public void Parse_AmplificationWithoutDependency_SaysToAddIt()
    {
        var yaml = ScenarioYaml.With("    dependency: payments.primary\n    amplification", "    amplification");

        SingleError(yaml).ShouldBeAt("expectations[3].dependency", ScenarioYaml.LineOf(yaml, "- phase: run"), "amplification counts calls to a dependency");
    }

    [Fact]
    public void Parse_DependencyOnAJourneyMetric_SaysItDoesNotApply()
    {
        var yaml = ScenarioYaml.With("    journey: checkout\n    p99", "    dependency: payments.primary\n    p99");

        SingleError(yaml).ShouldBeAt("expectations[1].dependency", ScenarioYaml.LineOf(yaml, "p99:") - 1, "does not apply to p99");
    }

    [Fact]
    public void Parse_UnknownJourney_SuggestsTheClosest()
    {
        var yaml = ScenarioYaml.With("    journey: checkout\n    p99", "    journey: chekout\n    p99");

        SingleError(yaml).ShouldBeAt("expectations[1].journey", ScenarioYaml.LineOf(yaml, "chekout"), "did you mean checkout?");
    }

    [Fact]
    public void Parse_JourneyNotInTheLoad_SaysToAddItThere()
    {
        var yaml = ScenarioYaml.With("    checkout: 30\n", "");

        var errors = Errors(yaml);

        errors.Count.ShouldBe(2);
        errors.For("expectations[0].journey").Message.ShouldBe("checkout is not in load.journeys, so it never runs; add it there with a weight, or use browse or addToCart.");
    }

    [Fact]
    public void Parse_JourneyWithZeroWeight_SaysItNeverRuns()
    {
        var yaml = ScenarioYaml.With("checkout: 30", "checkout: 0");

        Errors(yaml).For("expectations[0].journey").Message.ShouldContain("weight 0");
    }

    [Fact]
    public void Parse_UnknownExpectationDependency_SuggestsTheClosest()
    {
        var yaml = ScenarioYaml.With("dependency: payments.primary\n    amplification", "dependency: payments.secundary\n    amplification");

        SingleError(yaml).Message.ShouldContain("did you mean payments.secondary?");
    }

    [Fact]
    public void Parse_BaselineWhenAFaultStartsAtZero_SaysBaselineIsEmpty()
    {
        var yaml = ScenarioYaml.With("start: 10s", "start: 0s");
        yaml = ScenarioYaml.With(yaml, "- phase: run", "- phase: baseline");

        SingleError(yaml).ShouldBeAt("expectations[3].phase", ScenarioYaml.LineOf(yaml, "- phase: baseline"), "brownout starts at 0s, so it is empty");
    }

    [Fact]
    public void Parse_RecoveryWhenTheLastFaultEndsWithTheLoad_SaysRecoveryIsEmpty()
    {
        var yaml = ScenarioYaml.With("duration: 25s", "duration: 70s");
        yaml = ScenarioYaml.With(yaml, "- phase: run", "- phase: recovery");

        SingleError(yaml).Message.ShouldContain("outage clears when the load ends (90s), so it is empty");
    }

    [Fact]
    public void Parse_BaselineWithoutFaults_IsTheWholeLoad()
    {
        var yaml = """
            name: x
            incident: y
            description: z
            seed: 1
            load:
              journeys: { browse: 1 }
              phases: [{ name: p, duration: 10s, inject: { rate: 1 } }]
            expectations:
              - { phase: baseline, successRate: { atLeast: 0.9 } }
            """;

        var result = ScenarioLoader.Parse(yaml, "control.yaml");

        result.Errors.ShouldBeEmpty();
        result.Scenario!.Expectations.Single().Phase.ShouldBe("baseline");
    }

    [Theory]
    [InlineData("fault")]
    [InlineData("recovery")]
    public void Parse_FaultPhasesWithoutFaults_SayToUseRun(string phase)
    {
        var yaml = $$"""
            name: x
            incident: y
            description: z
            seed: 1
            load:
              journeys: { browse: 1 }
              phases: [{ name: p, duration: 10s, inject: { rate: 1 } }]
            expectations:
              - { phase: {{phase}}, successRate: { atLeast: 0.9 } }
            """;

        SingleError(yaml).ShouldBeAt("expectations[0].phase", 9, "this scenario has no faults; use run, or add a fault.");
    }

    [Fact]
    public void Parse_EmptyExpectations_SaysToAddOne()
    {
        var yaml = ScenarioYaml.Valid[..ScenarioYaml.Valid.IndexOf("expectations:", StringComparison.Ordinal)]
            + "expectations: []\n";

        SingleError(yaml).ShouldBeAt("expectations", ScenarioYaml.LineOf(yaml, "expectations:"), "lists no expectation");
    }
}
