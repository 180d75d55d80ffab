using System.Reflection;
using Chaos.Engine.Scenarios;
using Shouldly;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>Marks the test class that runs a shipped scenario, passing as shipped and failing with a broken setting.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
internal sealed class CoversScenarioAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public static IReadOnlyList<string> Covered() =>
        [.. typeof(CoversScenarioAttribute).Assembly.GetTypes().SelectMany(t => t.GetCustomAttributes<CoversScenarioAttribute>()).Select(a => a.Name)];
}

internal static class LibraryAssertions
{
    /// <summary>
    /// The run passed with every expectation and invariant of the file measured and met, and wrote all four
    /// reports, the HTML one with its charts.
    /// </summary>
    public static void ShouldPassEverything(this ScenarioRun run, string scenario)
    {
        var loaded = ScenarioLoader.LoadFile(Repository.Scenario(scenario)).Scenario.ShouldNotBeNull();
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Verdict.ShouldBe("pass", run.ToString());
        var report = run.Report!.RootElement;
        var expectations = report.GetProperty("expectations").EnumerateArray().ToList();
        expectations.Count.ShouldBe(loaded.Expectations.Count, run.ToString());
        expectations.ShouldAllBe(e => e.GetProperty("passed").GetBoolean() && e.GetProperty("measured").GetBoolean(), run.ToString());
        var invariants = report.GetProperty("invariants").EnumerateArray().ToList();
        invariants.Select(i => i.GetProperty("name").GetString()).ShouldBe(loaded.Invariants.Select(ScenarioVocabulary.NameOf), run.ToString());
        invariants.ShouldAllBe(i => i.GetProperty("passed").GetBoolean(), run.ToString());
        run.ShouldHaveWrittenEveryReport();
    }

    /// <summary>The run failed (exit 1, not a harness error) and named the expectation or invariant that broke.</summary>
    public static void ShouldFailNaming(this ScenarioRun run, string? expectation = null, string? invariant = null)
    {
        run.ExitCode.ShouldBe(1, run.ToString());
        run.Verdict.ShouldBe("fail", run.ToString());
        if (expectation is not null)
        {
            run.FailedExpectations.ShouldContain(expectation, run.ToString());
        }

        if (invariant is not null)
        {
            run.FailedInvariants.ShouldContain(invariant, run.ToString());
        }

        run.ShouldHaveWrittenEveryReport();
    }

    private static void ShouldHaveWrittenEveryReport(this ScenarioRun run)
    {
        foreach (var file in new[] { "report.json", "report.md", "junit.xml", "report.html" })
        {
            File.Exists(Path.Combine(run.OutDirectory, file)).ShouldBeTrue($"{file} in {run.OutDirectory}");
        }

        var html = File.ReadAllText(Path.Combine(run.OutDirectory, "report.html"));
        html.ShouldContain("<svg");
        html.ShouldNotContain("<script src=", Case.Insensitive);
    }
}
