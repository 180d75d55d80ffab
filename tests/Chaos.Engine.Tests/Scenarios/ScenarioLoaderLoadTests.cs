using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Scenarios.ScenarioAssertions;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>Errors of the <c>load:</c> section.</summary>
public sealed class ScenarioLoaderLoadTests
{
    [Fact]
    public void Parse_BadPhaseDuration_SaysHowToWriteADuration()
    {
        var yaml = ScenarioYaml.With("duration: 10s\n      rampingInject", "duration: ten seconds\n      rampingInject");

        SingleError(yaml).ToString().ShouldBe(
            $"{ScenarioYaml.Path}:{ScenarioYaml.LineOf(yaml, "ten seconds")}: load.phases[0].duration: \"ten seconds\" is not a duration; write it like 30s, 250ms, 2m or 00:00:30.");
    }

    [Fact]
    public void Parse_DurationWithoutUnit_SuggestsAUnit()
    {
        var yaml = ScenarioYaml.With("duration: 80s", "duration: 80");

        SingleError(yaml).ShouldBeAt("load.phases[1].duration", ScenarioYaml.LineOf(yaml, "duration: 80"), "80 has no unit; write 80s for seconds or 80ms for milliseconds.");
    }

    [Fact]
    public void Parse_ZeroPhaseDuration_SaysItMustBePositive()
    {
        var yaml = ScenarioYaml.With("duration: 80s", "duration: 0s");

        SingleError(yaml).ShouldBeAt("load.phases[1].duration", ScenarioYaml.LineOf(yaml, "duration: 0s"), "0s is zero; a phase lasts more than 0s");
    }

    [Fact]
    public void Parse_UnknownJourney_SuggestsTheClosest()
    {
        var yaml = ScenarioYaml.With("    checkout: 30", "    chekout: 30");

        var errors = Errors(yaml);

        errors.For("load.journeys.chekout").ShouldBeAt(
            "load.journeys.chekout",
            ScenarioYaml.LineOf(yaml, "chekout"),
            "\"chekout\" is not a journey; did you mean checkout? Use browse, addToCart, checkout, trackOrder, staffLogin, staffSession, adminProbe, credentialStuffing or cartTamper.");
    }

    [Fact]
    public void Parse_NegativeJourneyWeight_SaysWeightsAreZeroOrMore()
    {
        var yaml = ScenarioYaml.With("browse: 50", "browse: -5");

        SingleError(yaml).ShouldBeAt("load.journeys.browse", ScenarioYaml.LineOf(yaml, "browse:"), "-5 is negative");
    }

    [Fact]
    public void Parse_AllJourneyWeightsZero_SaysOneMustRun()
    {
        var yaml = ScenarioYaml.With("browse: 50\n    addToCart: 20\n    checkout: 30", "browse: 0\n    addToCart: 0\n    checkout: 0");

        Errors(yaml).For("load.journeys").Message.ShouldContain("every weight is 0");
    }

    [Fact]
    public void Parse_NoPhases_SaysToAddOne()
    {
        const string Yaml = """
            name: x
            incident: y
            description: z
            seed: 1
            load:
              journeys: { browse: 1 }
              phases: []
            expectations:
              - { phase: run, successRate: { atLeast: 0.9 } }
            """;

        SingleError(Yaml).ShouldBeAt("load.phases", 7, "lists no phase; add at least one");
    }

    [Fact]
    public void Parse_PhaseWithoutRate_SaysToAddInjectOrRampingInject()
    {
        var yaml = ScenarioYaml.With("      inject: { rate: 40 }", "");

        SingleError(yaml).ShouldBeAt("load.phases[1].inject", ScenarioYaml.LineOf(yaml, "- name: peak"), "inject: { rate: 40 } or rampingInject: { from: 5, to: 40 }");
    }

    [Fact]
    public void Parse_PhaseWithBothRates_SaysToRemoveOne()
    {
        var yaml = ScenarioYaml.With("      inject: { rate: 40 }", "      inject: { rate: 40 }\n      rampingInject: { from: 40, to: 0 }");

        SingleError(yaml).ShouldBeAt("load.phases[1].rampingInject", ScenarioYaml.LineOf(yaml, "rampingInject: { from: 40"), "not both");
    }

    [Fact]
    public void Parse_RateOutsideInject_SaysWhereItBelongs()
    {
        var yaml = ScenarioYaml.With("      inject: { rate: 40 }", "      rate: 40");

        var errors = Errors(yaml);

        errors.For("load.phases[1].rate").Message.ShouldBe("belongs inside inject; write inject: { rate: 40 }.");
    }

    [Fact]
    public void Parse_NegativeRate_SaysRatesAreZeroOrMore()
    {
        var yaml = ScenarioYaml.With("{ from: 5, to: 40 }", "{ from: -5, to: 40 }");

        SingleError(yaml).ShouldBeAt("load.phases[0].rampingInject.from", ScenarioYaml.LineOf(yaml, "from: -5"), "-5 is negative");
    }

    [Fact]
    public void Parse_RateAsText_NamesTheExpectedType()
    {
        var yaml = ScenarioYaml.With("{ rate: 40 }", "{ rate: fast }");

        SingleError(yaml).ShouldBeAt("load.phases[1].inject.rate", ScenarioYaml.LineOf(yaml, "rate: fast"), "expected a number, got \"fast\"");
    }

    [Fact]
    public void Parse_DuplicatePhaseName_SaysToRenameOne()
    {
        var yaml = ScenarioYaml.With("- name: peak", "- name: ramp-up");

        SingleError(yaml).ShouldBeAt("load.phases[1].name", ScenarioYaml.LineOf(yaml, "- name: ramp-up", 2), "already the name of the phase on line 18");
    }

    [Fact]
    public void Parse_MaxInFlightBelowOne_SaysHowToFix()
    {
        var yaml = ScenarioYaml.With("maxInFlight: 512", "maxInFlight: 0");

        SingleError(yaml).ShouldBeAt("load.maxInFlight", ScenarioYaml.LineOf(yaml, "maxInFlight"), "0 is below 1");
    }

    [Fact]
    public void Parse_ZeroRequestTimeout_SaysItMustBePositive()
    {
        var yaml = ScenarioYaml.With("requestTimeout: 10s", "requestTimeout: 0ms");

        SingleError(yaml).ShouldBeAt("load.requestTimeout", ScenarioYaml.LineOf(yaml, "requestTimeout"), "0ms is zero");
    }
}
