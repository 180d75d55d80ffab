using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Scenarios.ScenarioAssertions;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>The closed model, think time, warm-up, per-phase mixes, shapes and load phase names of the <c>load:</c> section.</summary>
public sealed class ScenarioLoaderLoadModelTests
{
    private const string Inject = "      inject: { rate: 40 }";
    private const string PeakPhase = "    - name: peak\n      duration: 80s\n      inject: { rate: 40 }";

    [Fact]
    public void Parse_KeepConstant_ReadsAClosedPhase()
    {
        var scenario = Valid(ScenarioYaml.With(Inject, "      keepConstant: { copies: 20 }"));

        var peak = scenario.Load.Phases[1];
        peak.Model.ShouldBe(LoadModel.Closed);
        (peak.StartCopies, peak.EndCopies, peak.StartRate, peak.EndRate).ShouldBe((20, 20, 0.0, 0.0));
        scenario.Load.Phases[0].Model.ShouldBe(LoadModel.Open);
    }

    [Fact]
    public void Parse_RampingConstantWithThinkTimeRange_ReadsBoth()
    {
        var yaml = ScenarioYaml.With(ScenarioYaml.With(Inject, "      rampingConstant: { from: 5, to: 40 }"),
            "requestTimeout: 10s", "requestTimeout: 10s\n  thinkTime: { min: 200ms, max: 2s }");

        var scenario = Valid(yaml);

        (scenario.Load.Phases[1].StartCopies, scenario.Load.Phases[1].EndCopies).ShouldBe((5, 40));
        scenario.Load.ThinkTime.ShouldBe(new ThinkTime(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Parse_FixedThinkTime_IsARangeOfOne()
    {
        var yaml = ScenarioYaml.With(ScenarioYaml.With(Inject, "      keepConstant: { copies: 20 }"), "requestTimeout: 10s", "requestTimeout: 10s\n  thinkTime: 500ms");

        Valid(yaml).Load.ThinkTime.ShouldBe(new ThinkTime(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void Parse_NegativeCopies_SaysCopiesAreVirtualUsers()
    {
        var yaml = ScenarioYaml.With(Inject, "      keepConstant: { copies: -3 }");

        SingleError(yaml).ShouldBeAt("load.phases[1].keepConstant.copies", ScenarioYaml.LineOf(yaml, "copies: -3"), "-3 is negative", "like copies: 20");
    }

    [Fact]
    public void Parse_ZeroCopiesToKeep_SaysAtLeastOne()
    {
        var yaml = ScenarioYaml.With(Inject, "      keepConstant: { copies: 0 }");

        SingleError(yaml).ShouldBeAt("load.phases[1].keepConstant.copies", ScenarioYaml.LineOf(yaml, "copies: 0"), "0 is below 1");
    }

    [Fact]
    public void Parse_RampFromZeroToZero_SaysNothingWouldRun()
    {
        var yaml = ScenarioYaml.With(Inject, "      rampingConstant: { from: 0, to: 0 }");

        SingleError(yaml).ShouldBeAt("load.phases[1].rampingConstant", ScenarioYaml.LineOf(yaml, "rampingConstant"), "nothing would run", "ramp to at least 1");
    }

    [Fact]
    public void Parse_CopiesAboveMaxInFlight_SaysToRaiseIt()
    {
        var yaml = ScenarioYaml.With(Inject, "      keepConstant: { copies: 600 }");

        SingleError(yaml).ShouldBeAt("load.phases[1].keepConstant.copies", ScenarioYaml.LineOf(yaml, "copies: 600"), "600 copies exceed maxInFlight 512; raise load.maxInFlight to 600 or more");
    }

    [Fact]
    public void Parse_InjectAndKeepConstant_SaysToRemoveOne()
    {
        var yaml = ScenarioYaml.With(Inject, Inject + "\n      keepConstant: { copies: 20 }");

        SingleError(yaml).ShouldBeAt("load.phases[1].keepConstant", ScenarioYaml.LineOf(yaml, "keepConstant"), "either inject or keepConstant, not both; remove one");
    }

    [Fact]
    public void Parse_CopiesOutsideKeepConstant_SaysWhereItBelongs()
    {
        var yaml = ScenarioYaml.With(Inject, "      copies: 20");

        Errors(yaml).For("load.phases[1].copies").Message.ShouldBe("belongs inside keepConstant; write keepConstant: { copies: 20 }.");
    }

    [Fact]
    public void Parse_ThinkTimeWithOnlyOpenPhases_SaysWhyItDoesNotApply()
    {
        var yaml = ScenarioYaml.With("requestTimeout: 10s", "requestTimeout: 10s\n  thinkTime: 500ms");

        SingleError(yaml).ShouldBeAt(
            "load.thinkTime",
            ScenarioYaml.LineOf(yaml, "thinkTime"),
            "applies between a virtual user's journeys in closed-model phases",
            "every phase here is open",
            "remove thinkTime, or add a phase like keepConstant: { copies: 20 }");
    }

    [Fact]
    public void Parse_ThinkTimeMaxBelowMin_SaysToRaiseMax()
    {
        var yaml = ScenarioYaml.With(ScenarioYaml.With(Inject, "      keepConstant: { copies: 20 }"), "requestTimeout: 10s", "requestTimeout: 10s\n  thinkTime: { min: 2s, max: 200ms }");

        SingleError(yaml).ShouldBeAt("load.thinkTime.max", ScenarioYaml.LineOf(yaml, "thinkTime"), "200ms is below min 2s", "make max at least min");
    }

    [Fact]
    public void Parse_NegativeThinkTime_SaysItIsZeroOrMore()
    {
        var yaml = ScenarioYaml.With(ScenarioYaml.With(Inject, "      keepConstant: { copies: 20 }"), "requestTimeout: 10s", "requestTimeout: 10s\n  thinkTime: -1s");

        SingleError(yaml).ShouldBeAt("load.thinkTime", ScenarioYaml.LineOf(yaml, "thinkTime"), "is negative", "thinkTime: 500ms");
    }

    [Fact]
    public void Parse_WarmUp_ReadsIt()
    {
        var yaml = ScenarioYaml.With("requestTimeout: 10s", "requestTimeout: 10s\n  warmUp: 3s");

        Valid(yaml).Load.WarmUp.ShouldBe(TimeSpan.FromSeconds(3));
        Valid(ScenarioYaml.Valid).Load.WarmUp.ShouldBeNull();
    }

    [Fact]
    public void Parse_ZeroWarmUp_SaysToRemoveIt()
    {
        var yaml = ScenarioYaml.With("requestTimeout: 10s", "requestTimeout: 10s\n  warmUp: 0s");

        SingleError(yaml).ShouldBeAt("load.warmUp", ScenarioYaml.LineOf(yaml, "warmUp"), "0s is zero", "remove it for the default warm-up rounds");
    }

    [Fact]
    public void Parse_PhaseJourneys_OverrideTheMixForThatPhase()
    {
        var scenario = Valid(ScenarioYaml.With(Inject, Inject + "\n      journeys: { browse: 30, checkout: 70 }"));

        scenario.Load.Phases[1].Journeys.ShouldBe(new Dictionary<string, int> { ["browse"] = 30, ["checkout"] = 70 });
        scenario.Load.Phases[0].Journeys.ShouldBeNull();
    }

    [Fact]
    public void Parse_PhaseJourneysUnknownJourney_SuggestsTheClosest()
    {
        var yaml = ScenarioYaml.With(Inject, Inject + "\n      journeys: { browse: 30, chekout: 70 }");

        SingleError(yaml).ShouldBeAt("load.phases[1].journeys.chekout", ScenarioYaml.LineOf(yaml, "chekout"), "\"chekout\" is not a journey; did you mean checkout?");
    }

    [Fact]
    public void Parse_PhaseJourneysAllZero_SaysOneMustRun()
    {
        var yaml = ScenarioYaml.With(Inject, Inject + "\n      journeys: { browse: 0 }");

        SingleError(yaml).ShouldBeAt("load.phases[1].journeys", ScenarioYaml.LineOf(yaml, "journeys: { browse: 0 }"), "every weight is 0");
    }

    [Fact]
    public void Parse_ExpectationOnALoadPhase_IsAPhase()
    {
        var yaml = ScenarioYaml.With("  - phase: run", "  - phase: peak");

        Valid(yaml).Expectations.ShouldContain(e => e.Phase == "peak");
    }

    [Fact]
    public void Parse_LoadPhaseNamedLikeAReservedPhase_SaysToRenameIt()
    {
        var yaml = ScenarioYaml.With("- name: peak", "- name: recovery");

        SingleError(yaml).ShouldBeAt("load.phases[1].name", ScenarioYaml.LineOf(yaml, "- name: recovery"), "\"recovery\" is a reserved phase name", "name the load phase after its traffic");
    }

    [Fact]
    public void Parse_LoadPhaseNamedLikeAFault_SaysToRenameOne()
    {
        var yaml = ScenarioYaml.With("- name: peak", "- name: outage");

        SingleError(yaml).ShouldBeAt(
            "load.phases[1].name",
            ScenarioYaml.LineOf(yaml, "- name: outage"),
            $"\"outage\" is also the name of the fault on line {ScenarioYaml.LineOf(yaml, "- name: outage", 2)}; expectations name both, so rename one.");
    }

    [Fact]
    public void Parse_Shape_ExpandsIntoNamedPhasesThatExpectationsMayName()
    {
        var yaml = ScenarioYaml.With(ScenarioYaml.With(PeakPhase, "    - shape: { name: cyberMonday, peak: 40, duration: 80s }"),
            "  - phase: run", "  - phase: cyberMonday-peak");

        var scenario = Valid(yaml);

        scenario.Load.Phases.Select(p => p.Name).ShouldBe(["ramp-up", "cyberMonday-ramp-up", "cyberMonday-morning", "cyberMonday-rise", "cyberMonday-peak", "cyberMonday-ease-off"]);
        scenario.Duration.ShouldBe(TimeSpan.FromSeconds(90));
        scenario.Load.Phases.Max(p => p.EndRate).ShouldBe(40);
    }

    [Fact]
    public void Parse_ShapeWithScaleAndJourneys_ScalesRatesAndCarriesTheMix()
    {
        var scenario = Valid(ScenarioYaml.With(PeakPhase, "    - shape: { name: flashSale, peak: 40, duration: 80s, scale: 0.5 }\n      journeys: { checkout: 1 }"));

        var burst = scenario.Load.Phases.Single(p => p.Name == "flashSale-burst");
        burst.StartRate.ShouldBe(20);
        burst.Journeys!.Keys.ShouldBe(["checkout"]);
    }

    [Fact]
    public void Parse_UnknownShapeName_SuggestsTheClosest()
    {
        var yaml = ScenarioYaml.With(PeakPhase, "    - shape: { name: cyberMondy, peak: 40, duration: 80s }");

        SingleError(yaml).ShouldBeAt(
            "load.phases[1].shape.name",
            ScenarioYaml.LineOf(yaml, "cyberMondy"),
            "\"cyberMondy\" is not a load shape; did you mean cyberMonday? Use bfcm150, cyberMonday, flashSale or primeDayOpening.");
    }

    [Fact]
    public void Parse_ShapeTooShortOrWithoutPeak_SaysHowToFix()
    {
        var yaml = ScenarioYaml.With(PeakPhase, "    - shape: { name: flashSale, peak: 0, duration: 5s }");

        var errors = Errors(yaml);

        errors.For("load.phases[1].shape.peak").ShouldBeAt("load.phases[1].shape.peak", ScenarioYaml.LineOf(yaml, "flashSale"), "0 is not above 0", "like peak: 40");
        errors.For("load.phases[1].shape.duration").Message.ShouldContain("5s is shorter than 10s");
    }

    [Fact]
    public void Parse_ShapeUsedTwice_SaysThePhaseNamesRepeat()
    {
        var yaml = ScenarioYaml.With(PeakPhase,
            "    - shape: { name: flashSale, peak: 40, duration: 40s }\n    - shape: { name: flashSale, peak: 40, duration: 40s }");

        Errors(yaml).ShouldContain(e => e.Field == "load.phases[2].shape.name"
            && e.Line == ScenarioYaml.LineOf(yaml, "flashSale", 2)
            && e.Message.Contains("\"flashSale-quiet\" (from shape flashSale) is already the name of the phase"));
    }

    private static Scenario Valid(string yaml)
    {
        var result = ScenarioLoader.Parse(yaml, ScenarioYaml.Path);
        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        return result.Scenario!;
    }
}
