using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>Whatever the input, the loader answers with errors and never throws.</summary>
public sealed class ScenarioLoaderRobustnessTests
{
    [Fact]
    public void Parse_PrefixesOfTheExample_NeverThrowAndAlwaysGiveALine()
    {
        var yaml = ScenarioYaml.Valid;

        // Cut at every line's start, middle and end: that cuts through every key, value and bracket kind.
        var lengths = new SortedSet<int>();
        for (int start = 0, end; start < yaml.Length; start = end + 1)
        {
            end = yaml.IndexOf('\n', start) is var newline and >= 0 ? newline : yaml.Length;
            lengths.UnionWith([start, (start + end) / 2, Math.Max(start, end - 3), end]);
        }

        ProblemsOf(lengths.Where(l => l < yaml.Length).Select(l => ($"prefix of {l} characters", yaml[..l]))).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_TheExampleWithAnyOneLineRemoved_NeverThrows()
    {
        var lines = ScenarioYaml.Valid.Split('\n');
        var variants = Enumerable.Range(0, lines.Length)
            .Select(i => ($"without line {i + 1}", string.Join('\n', lines.Where((_, index) => index != i))));

        ProblemsOf(variants).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("42")]
    [InlineData("~")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("? [a, b]\n: c\n")]
    [InlineData("name: &a x\nincident: *a\n")]
    [InlineData("load: { journeys: { ~: 1, [x]: 2 }, phases: [1, [2], { name: p }] }\n")]
    [InlineData("faults: [1, { fault: [] }, { fault: { kind: [] } }]\nexpectations: [[], { phase: [] }, { phase: run, p99: [] }]\n")]
    [InlineData("seed: 99999999999999999999\nload: { maxInFlight: .inf }\n")]
    public void Parse_OddDocuments_ReportErrorsWithoutThrowing(string yaml)
    {
        var result = Should.NotThrow(() => ScenarioLoader.Parse(yaml, ScenarioYaml.Path));

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldAllBe(e => e.Line >= 1);
    }

    // A plain loop rather than one assertion per variant: Shouldly compiles an expression per call.
    private static List<string> ProblemsOf(IEnumerable<(string Name, string Yaml)> variants)
    {
        var problems = new List<string>();
        foreach (var (name, yaml) in variants)
        {
            try
            {
                var result = ScenarioLoader.Parse(yaml, ScenarioYaml.Path);
                problems.AddRange(result.Errors.Where(e => e.Line < 1 || e.Message.Length == 0).Select(e => $"{name}: {e}"));
            }
            catch (Exception ex)
            {
                problems.Add($"{name}: threw {ex.GetType().Name}: {ex.Message}");
            }
        }

        return problems;
    }
}
