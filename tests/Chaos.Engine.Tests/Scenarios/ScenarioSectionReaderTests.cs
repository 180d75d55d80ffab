using Chaos.Engine.Scenarios;
using Chaos.Engine.Systems;
using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>
/// Each section of a scenario file is read by a reader that takes what it is checked against explicitly: given those
/// inputs alone, without the sections before it in the file, it reads and checks its section.
/// </summary>
public sealed class ScenarioSectionReaderTests
{
    private const string File = "section.yaml";

    [Fact]
    public void Faults_GivenTheLoadsDurationAlone_ReportAFaultThatEndsAfterIt()
    {
        var (root, errors) = Root("""
            faults:
              - { name: outage, dependency: payments.primary, start: 20s, duration: 30s, fault: { kind: status, status: 503 } }
            """, "faults");

        var faults = new FaultsSectionReader(errors, StorefrontVocabulary.Instance, TimeSpan.FromSeconds(40)).Read(root);

        faults.Timeline.ShouldBeNull();
        faults.Names.ShouldBe(["outage"]);
        faults.Complete.ShouldBeFalse();
        errors.Sorted().ShouldHaveSingleItem().Message.ShouldStartWith("the fault would end at 50s, after the load ends at 40s");
    }

    [Fact]
    public void Faults_WithoutTheLoadsDuration_CheckEverythingElse()
    {
        var (root, errors) = Root("""
            faults:
              - { name: outage, dependency: payments.primary, start: 20s, duration: 30s, fault: { kind: status, status: 503 } }
            """, "faults");

        var faults = new FaultsSectionReader(errors, StorefrontVocabulary.Instance, loadDuration: null).Read(root);

        errors.Count.ShouldBe(0);
        faults.Complete.ShouldBeTrue();
        faults.Timeline.ShouldNotBeNull().ShouldHaveSingleItem().End.ShouldBe(TimeSpan.FromSeconds(50));
    }

    [Fact]
    public void Expectations_GivenWhatTheLoadAndFaultsRead_TakeTheirPhaseAndJourneyNamesFromThem()
    {
        var (root, errors) = Root("""
            expectations:
              - { phase: outage, journey: checkout, successRate: { atLeast: 0.99 } }
              - { phase: peak, journey: browse, successRate: { atLeast: 0.99 } }
            """, "expectations");
        var journeys = new Dictionary<string, int>(StringComparer.Ordinal) { ["checkout"] = 1 };
        var load = new LoadSection(null, new HashSet<string>(StringComparer.Ordinal), journeys, journeys.Keys.ToHashSet(StringComparer.Ordinal), TimeSpan.FromSeconds(60));
        var faults = new FaultsSection([], ["outage"], [], Complete: true);

        var expectations = new ExpectationsSectionReader(errors, ScenarioTarget.Storefront, load, faults).Read(root);

        expectations.ShouldBeNull();
        errors.Sorted().Select(e => e.Field).ShouldBe(["expectations[1].phase", "expectations[1].journey"]);
        errors.Sorted()[1].Message.ShouldBe("browse is not in load.journeys, so it never runs; add it there with a weight, or use checkout.");
    }

    private static (YamlMap Root, LoadErrors Errors) Root(string yaml, string section)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var errors = new LoadErrors(File);
        return (new YamlMap(errors, (YamlMappingNode)stream.Documents[0].RootNode, "", [section]), errors);
    }
}
