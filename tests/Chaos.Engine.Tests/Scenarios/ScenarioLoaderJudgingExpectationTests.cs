using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Scenarios.ScenarioAssertions;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>The expectations about failure kinds, fallbacks, retries and drain time: valid forms and bad input.</summary>
public sealed class ScenarioLoaderJudgingExpectationTests
{
    /// <summary>The valid example with one more expectation (index 4) appended to <c>expectations:</c>.</summary>
    private static string WithExpectation(string item) => ScenarioYaml.With("invariants: [", item + "invariants: [");

    private static Expectation Parsed(string yaml)
    {
        var result = ScenarioLoader.Parse(yaml, ScenarioYaml.Path);
        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        return result.Scenario!.Expectations[^1];
    }

    [Fact]
    public void Parse_UnexpectedFailuresWithExpectedKinds_ReadsKindsAndShare()
    {
        var expectation = Parsed(WithExpectation("""
              - phase: outage
                journey: checkout
                unexpectedFailures: { atMost: 0 }
                expectedFailures: [degraded, 401, timeout, connectionError, httpError]

            """));

        expectation.Metric.ShouldBe(ExpectationMetric.UnexpectedFailures);
        expectation.AtMost.ShouldBe(0);
        expectation.ExpectedFailures.ShouldBe(["degraded", "401", "timeout", "connectionError", "httpError"]);
    }

    [Fact]
    public void Parse_UnexpectedFailuresWithoutKinds_DefaultsToDegraded()
    {
        var expectation = Parsed(WithExpectation("  - { phase: outage, unexpectedFailures: { atMost: 0.01 } }\n"));

        expectation.ExpectedFailures.ShouldBe(["degraded"]);
        expectation.Journey.ShouldBeNull();
    }

    [Fact]
    public void Parse_ExpectedFailuresWithoutUnexpectedFailures_SaysItOnlyAppliesThere()
    {
        var yaml = WithExpectation("""
              - phase: outage
                journey: checkout
                successRate: { atLeast: 0.9 }
                expectedFailures: [degraded]

            """);

        SingleError(yaml).ShouldBeAt(
            "expectations[4].expectedFailures",
            ScenarioYaml.LineOf(yaml, "expectedFailures:"),
            "only applies to unexpectedFailures, and this expectation bounds successRate; remove it, or bound unexpectedFailures: { atMost: 0 } with it.");
    }

    [Fact]
    public void Parse_UnknownFailureKind_SuggestsTheClosest()
    {
        var yaml = WithExpectation("  - { phase: outage, unexpectedFailures: { atMost: 0 }, expectedFailures: [degraded, timout] }\n");

        SingleError(yaml).ShouldBeAt(
            "expectations[4].expectedFailures[1]",
            ScenarioYaml.LineOf(yaml, "timout"),
            "\"timout\" is not a failure kind; did you mean timeout? use degraded, timeout, connectionError or httpError or an HTTP status like 401.");
    }

    [Fact]
    public void Parse_FailureKindStatusOutOfRange_SaysWhichStatusesExist()
    {
        var yaml = WithExpectation("  - { phase: outage, unexpectedFailures: { atMost: 0 }, expectedFailures: [4010] }\n");

        SingleError(yaml).ShouldBeAt("expectations[4].expectedFailures[0]", ScenarioYaml.LineOf(yaml, "4010"), "4010 is not an HTTP status; use a status from 100 to 599, like 401.");
    }

    [Fact]
    public void Parse_ExpectedFailuresNotAList_SaysHowToWriteIt()
    {
        var yaml = WithExpectation("  - { phase: outage, unexpectedFailures: { atMost: 0 }, expectedFailures: degraded }\n");

        SingleError(yaml).ShouldBeAt("expectations[4].expectedFailures", ScenarioYaml.LineOf(yaml, "expectedFailures"), "expected a list", "write it like expectedFailures: [degraded, 401].");
    }

    [Fact]
    public void Parse_UnexpectedFailuresAboveOne_SaysItIsAShare()
    {
        var yaml = WithExpectation("  - { phase: outage, unexpectedFailures: { atMost: 5 } }\n");

        SingleError(yaml).ShouldBeAt("expectations[4].unexpectedFailures.atMost", ScenarioYaml.LineOf(yaml, "unexpectedFailures"), "5 is outside [0, 1]; it is a share of the phase's journeys, use 0.01 for 1%.");
    }

    [Theory]
    [InlineData("secondaryGateway", FallbackKind.SecondaryGateway)]
    [InlineData("paymentPending", FallbackKind.PaymentPending)]
    [InlineData("hostFailover", FallbackKind.HostFailover)]
    public void Parse_Fallbacks_ReadsTheFallbackAndCount(string name, FallbackKind kind)
    {
        var expectation = Parsed(WithExpectation($"  - {{ phase: outage, fallbacks: {{ atLeast: 10 }}, fallback: {name} }}\n"));

        expectation.Metric.ShouldBe(ExpectationMetric.Fallbacks);
        expectation.Fallback.ShouldBe(kind);
        expectation.AtLeast.ShouldBe(10);
    }

    [Fact]
    public void Parse_FallbacksWithoutFallback_SaysToAddOne()
    {
        var yaml = WithExpectation("  - { phase: outage, fallbacks: { atLeast: 10 } }\n");

        SingleError(yaml).ShouldBeAt(
            "expectations[4].fallback",
            ScenarioYaml.LineOf(yaml, "fallbacks:"),
            "is missing; fallbacks counts one fallback, add it, like fallback: secondaryGateway (secondaryGateway, paymentPending or hostFailover).");
    }

    [Fact]
    public void Parse_UnknownFallback_SuggestsTheClosest()
    {
        var yaml = WithExpectation("  - { phase: outage, fallbacks: { atLeast: 10 }, fallback: secondaryGatway }\n");

        SingleError(yaml).ShouldBeAt(
            "expectations[4].fallback",
            ScenarioYaml.LineOf(yaml, "secondaryGatway"),
            "\"secondaryGatway\" is not a fallback; did you mean secondaryGateway? Use secondaryGateway, paymentPending or hostFailover.");
    }

    [Fact]
    public void Parse_FallbackOnAnotherMetric_SaysToRemoveIt()
    {
        var yaml = WithExpectation("  - { phase: outage, journey: checkout, successRate: { atLeast: 0.9 }, fallback: paymentPending }\n");

        SingleError(yaml).ShouldBeAt("expectations[4].fallback", ScenarioYaml.LineOf(yaml, "fallback: paymentPending"), "only applies to fallbacks, and this expectation bounds successRate; remove it.");
    }

    [Fact]
    public void Parse_FallbacksWithJourney_SaysItDoesNotApply()
    {
        var yaml = WithExpectation("  - { phase: outage, journey: checkout, fallbacks: { atLeast: 1 }, fallback: paymentPending }\n");

        SingleError(yaml).ShouldBeAt("expectations[4].journey", ScenarioYaml.LineOf(yaml, "fallbacks:"), "does not apply to fallbacks, which counts the storefront's fallbacks over the phase; remove it.");
    }

    [Fact]
    public void Parse_NegativeFallbackCount_SaysCountsAreZeroOrMore()
    {
        var yaml = WithExpectation("  - { phase: outage, fallbacks: { atLeast: -1 }, fallback: paymentPending }\n");

        SingleError(yaml).ShouldBeAt("expectations[4].fallbacks.atLeast", ScenarioYaml.LineOf(yaml, "fallbacks:"), "-1 is negative; fallbacks counts fallbacks taken, 0 or more, like atLeast: 10.");
    }

    [Fact]
    public void Parse_RetriesPerRequest_ReadsDependencyAndRoute()
    {
        var expectation = Parsed(WithExpectation("  - { phase: outage, dependency: payments.primary, route: charges, retriesPerRequest: { atMost: 2 } }\n"));

        expectation.Metric.ShouldBe(ExpectationMetric.RetriesPerRequest);
        expectation.Dependency.ShouldBe("payments.primary");
        expectation.Route.ShouldBe("charges");
        expectation.AtMost.ShouldBe(2);
    }

    [Fact]
    public void Parse_RetriesPerRequestWithoutDependency_SaysToAddOne()
    {
        var yaml = WithExpectation("  - { phase: outage, retriesPerRequest: { atMost: 2 } }\n");

        SingleError(yaml).ShouldBeAt(
            "expectations[4].dependency",
            ScenarioYaml.LineOf(yaml, "retriesPerRequest"),
            "is missing; retriesPerRequest counts calls to a dependency that carry the same request key, add it, like dependency: payments.primary.");
    }

    [Fact]
    public void Parse_RetriesPerRequestUnknownRoute_ListsTheDependencysRoutes()
    {
        var yaml = WithExpectation("  - { phase: outage, dependency: payments.primary, route: charge, retriesPerRequest: { atMost: 2 } }\n");

        SingleError(yaml).ShouldBeAt(
            "expectations[4].route",
            ScenarioYaml.LineOf(yaml, "route: charge,"),
            "\"charge\" is not a route of payments.primary; did you mean charges? Use charges, lookup or capture.");
    }

    [Fact]
    public void Parse_RouteOnAnotherMetric_SaysToRemoveIt()
    {
        var yaml = WithExpectation("  - { phase: outage, dependency: payments.primary, route: charges, amplification: { atMost: 2 } }\n");

        SingleError(yaml).ShouldBeAt("expectations[4].route", ScenarioYaml.LineOf(yaml, "route: charges, amp"), "only applies to retriesPerRequest, and this expectation bounds amplification; remove it.");
    }

    [Fact]
    public void Parse_DrainTimeOnAFault_ReadsSeconds()
    {
        var expectation = Parsed(WithExpectation("  - { phase: outage, drainTime: { atMost: 30s } }\n"));

        expectation.Metric.ShouldBe(ExpectationMetric.DrainTime);
        expectation.AtMost.ShouldBe(30);
    }

    [Fact]
    public void Parse_DrainTimeOnRun_SaysToNameAFault()
    {
        var yaml = WithExpectation("  - { phase: run, drainTime: { atMost: 30s } }\n");

        SingleError(yaml).ShouldBeAt(
            "expectations[4].phase",
            ScenarioYaml.LineOf(yaml, "phase: run, drainTime"),
            "drainTime is measured from a fault's end, so the phase must name a fault (outage, brownout) or be fault, not run.");
    }

    [Fact]
    public void Parse_DrainTimeWithoutUnit_SuggestsOne()
    {
        var yaml = WithExpectation("  - { phase: fault, drainTime: { atMost: 30 } }\n");

        SingleError(yaml).ShouldBeAt("expectations[4].drainTime.atMost", ScenarioYaml.LineOf(yaml, "drainTime"), "30 has no unit; write 30s");
    }

    [Fact]
    public void Parse_NoUnauthenticatedAccessInvariant_IsKnown()
    {
        var yaml = ScenarioYaml.With("invariants: [noLostOrders,", "invariants: [noUnauthenticatedAccess, noLostOrders,");

        var result = ScenarioLoader.Parse(yaml, ScenarioYaml.Path);

        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        result.Scenario!.Invariants.ShouldContain(InvariantKind.NoUnauthenticatedAccess);
    }
}
