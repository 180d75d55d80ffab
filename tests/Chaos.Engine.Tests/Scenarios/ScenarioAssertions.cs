using Chaos.Engine.Scenarios;
using Shouldly;

namespace Chaos.Engine.Tests.Scenarios;

internal static class ScenarioAssertions
{
    /// <summary>Parses YAML that must be invalid and returns its errors.</summary>
    public static IReadOnlyList<ScenarioError> Errors(string yaml)
    {
        var result = ScenarioLoader.Parse(yaml, ScenarioYaml.Path);
        result.IsValid.ShouldBeFalse();
        result.Scenario.ShouldBeNull();
        result.Errors.ShouldNotBeEmpty();
        return result.Errors;
    }

    /// <summary>Parses YAML that must have exactly one error, and returns it.</summary>
    public static ScenarioError SingleError(string yaml)
    {
        var errors = Errors(yaml);
        errors.Count.ShouldBe(1, string.Join(Environment.NewLine, errors));
        return errors[0];
    }

    /// <summary>Asserts the error's field, line and that its message contains each fragment.</summary>
    public static ScenarioError ShouldBeAt(this ScenarioError error, string field, int line, params string[] fragments)
    {
        error.ShouldSatisfyAllConditions(
            () => error.File.ShouldBe(ScenarioYaml.Path),
            () => error.Field.ShouldBe(field, error.ToString()),
            () => error.Line.ShouldBe(line, error.ToString()));
        foreach (var fragment in fragments)
        {
            error.Message.ShouldContain(fragment, Case.Sensitive, error.ToString());
        }

        return error;
    }

    /// <summary>Finds the one error of a field among several.</summary>
    public static ScenarioError For(this IReadOnlyList<ScenarioError> errors, string field) =>
        errors.Where(e => e.Field == field).ShouldHaveSingleItem(string.Join(Environment.NewLine, errors));
}
