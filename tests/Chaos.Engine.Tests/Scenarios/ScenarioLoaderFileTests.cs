using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary><see cref="ScenarioLoader.LoadFile"/> over the bad scenario files of TestData.</summary>
public sealed class ScenarioLoaderFileTests
{
    [Fact]
    public void LoadFile_MissingFile_GivesAnErrorNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chaos-missing-{Guid.NewGuid():N}", "gone.yaml");

        var result = ScenarioLoader.LoadFile(path);

        result.IsValid.ShouldBeFalse();
        result.Scenario.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe(path);
        error.Line.ShouldBe(0);
        error.ToString().ShouldBe($"{path}: file not found; check the path (scenario files live in scenarios/ and end in .yaml).");
    }

    [Fact]
    public void LoadFile_Directory_GivesAnErrorInsteadOfThrowing()
    {
        var result = ScenarioLoader.LoadFile(Path.GetTempPath());

        result.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("cannot read the file");
    }

    [Fact]
    public void LoadFile_SyntaxError_GivesOneErrorWithTheParsersLine()
    {
        var path = TestData("syntax-error.yaml");

        var error = ScenarioLoader.LoadFile(path).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(path);
        error.Line.ShouldBe(7);
        error.Message.ShouldStartWith("YAML syntax error: ");
    }

    [Fact]
    public void LoadFile_SeveralProblems_ReportsEveryMarkedLine()
    {
        var path = TestData("several-problems.yaml");

        var errors = ScenarioLoader.LoadFile(path).Errors;

        var marked = File.ReadAllLines(path)
            .Select((line, index) => (line, number: index + 1))
            .Where(l => l.line.Contains("# error", StringComparison.Ordinal))
            .Select(l => l.number);
        errors.Select(e => e.Line).ShouldBe(marked);
        errors.Select(e => e.Field).ShouldBe(
        [
            "name",
            "load.journeys.chekout",
            "load.phases[0].duration",
            "faults[0].fault.injectionRate",
            "faults[1].fault.kind",
            "expectations[0].phase",
            "expectations[1].p99",
            "drian",
        ]);
        errors.ShouldAllBe(e => e.File == path);
        errors[5].Message.ShouldBe("\"outgae\" is not a phase; use baseline, fault, recovery, run or a fault name (outage, slow).");
    }

    [Fact]
    public void LoadFile_TimelineThatDoesNotFit_ReportsOverlapAndEnd()
    {
        var path = TestData("fault-past-end.yaml");

        var errors = ScenarioLoader.LoadFile(path).Errors;

        errors.Select(e => (e.Line, e.Field)).ShouldBe([(21, "faults[1].start"), (22, "faults[1].duration")]);
        errors[0].Message.ShouldContain("overlaps outage (10s to 30s, faults[0])");
        errors[1].Message.ShouldContain("the fault would end at 70s, after the load ends at 60s; shorten it to 35s or less");
    }

    // Copied next to the tests by the project; read from the source tree when a build did not copy them.
    private static string TestData(string name) =>
        SourceTree.Find(Path.Combine("tests", "Chaos.Engine.Tests", "TestData", name), Path.Combine("TestData", name));
}
