using System.Globalization;
using System.Text;
using Chaos.Engine.Judging;
using Chaos.Engine.Reports;

namespace Chaos.Testing;

/// <summary>What a rehearsal produced: the same <see cref="RunReport"/> the CLI writes, and where its report files are.</summary>
/// <param name="Report">The run's report: verdict, expectations with observed values, invariants, phases.</param>
/// <param name="ReportsDirectory">The folder of <c>report.json</c>, <c>report.md</c>, <c>junit.xml</c> and <c>report.html</c>.</param>
/// <param name="Files">The report files written.</param>
public sealed record RehearsalResult(RunReport Report, string ReportsDirectory, IReadOnlyList<string> Files)
{
    /// <summary>Gets the verdict: pass (degraded as designed), fail (beyond contract) or error (could not be judged).</summary>
    public Verdict Verdict => Report.Verdict;

    /// <summary>Throws unless the verdict is pass; the message lists every failed expectation with its observed value.</summary>
    /// <exception cref="RehearsalException">The verdict is fail or error.</exception>
    public void AssertPassed() => AssertVerdict(Verdict.Pass);

    /// <summary>Throws unless the verdict is <paramref name="expected"/>; the message lists what failed and what could not be measured.</summary>
    /// <param name="expected">The verdict the test expects.</param>
    /// <exception cref="RehearsalException">The verdict is another one.</exception>
    public void AssertVerdict(Verdict expected)
    {
        if (Report.Verdict != expected)
        {
            throw new RehearsalException(Describe($"expected the verdict {Word(expected)}, got {Word(Report.Verdict)}"));
        }
    }

    /// <summary>Throws unless the verdict is fail with each of <paramref name="names"/> among the failed expectations (metric) or invariants.</summary>
    /// <param name="names">Invariant names (<c>atMostOnce bank.transfers</c>) or expectation metrics (<c>p99</c>) that must have failed.</param>
    /// <exception cref="RehearsalException">The verdict is not fail, or one of the names did not fail.</exception>
    public void AssertFailed(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        AssertVerdict(Verdict.Fail);
        var failed = Report.Expectations.Where(e => !e.Passed && !e.Skipped).Select(e => e.Metric)
            .Concat(Report.Invariants.Where(i => !i.Passed).Select(i => i.Name))
            .ToHashSet(StringComparer.Ordinal);
        var missing = names.Where(n => !failed.Contains(n)).ToArray();
        if (missing.Length > 0)
        {
            throw new RehearsalException(Describe($"expected {string.Join(", ", missing)} to fail, and {(missing.Length == 1 ? "it" : "they")} did not"));
        }
    }

    /// <summary>The verdict and what made it, readable in a test runner's output.</summary>
    /// <returns>Lines naming each failed expectation with its observed value, each broken invariant, each error.</returns>
    public override string ToString() => Describe($"verdict {Word(Report.Verdict)}");

    private static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Fail => "fail",
        _ => "error",
    };

    private string Describe(string headline)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Report.Scenario}: {headline} (reports in {ReportsDirectory}).");
        if (Report.StoppedEarly is { } stopped)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"  stopped early {stopped.Describe()}; {Report.Expectations.Count(e => e.Skipped)} expectations not judged");
        }

        foreach (var e in Report.Expectations.Where(e => !e.Passed && !e.Skipped))
        {
            var bounds = MetricNames.FormatBounds(e.Metric, e.AtLeast, e.AtMost);
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"  expectation (line {e.Line}) {e.Phase} {e.Journey ?? e.Dependency ?? "-"} {e.Metric}: expected {bounds}, observed {MetricNames.FormatValue(e.Metric, e.Observed)}: {e.Message}");
        }

        foreach (var i in Report.Invariants.Where(i => !i.Passed))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  invariant {i.Name}: {i.Message}");
            foreach (var example in i.Examples.Take(5))
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"    - {example}");
            }
        }

        foreach (var error in Report.Errors)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  error: {error}");
        }

        return text.ToString();
    }
}
