using System.Text.RegularExpressions;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>
/// A shipped scenario copied to a temporary folder with its <c>drain.settle</c> set, for a run that is expected to fail:
/// the broken setting leaves a backlog that never moves again, and the settle ends the drain once it has stood still
/// instead of waiting out the timeout (scenarios/README.md, "The drain"). Everything else is the shipped text.
/// </summary>
internal static partial class ScenarioWithSettle
{
    /// <summary>Writes the copy and returns its path; the file keeps the shipped name, so reports are named alike.</summary>
    /// <param name="scenario">The shipped scenario's name.</param>
    /// <param name="settle">
    /// The settle, in the scenario syntax; it must stay above the storefront's longest wait between two attempts of
    /// the backlog the test judges (README), so that a backlog cut short is stuck, not waiting.
    /// </param>
    public static string Write(string scenario, string settle)
    {
        var shipped = Repository.Scenario(scenario);
        var text = File.ReadAllText(shipped);
        var drains = DrainLine().Matches(text);
        if (drains.Count != 1)
        {
            throw new InvalidOperationException(
                $"{shipped}: expected one top-level line 'drain: {{ timeout: <duration>[, settle: <duration>] }}', found {drains.Count}; update {nameof(ScenarioWithSettle)} to the file's drain.");
        }

        var drain = drains[0];
        var copy = text[..drain.Index] + $"drain: {{ timeout: {drain.Groups["timeout"].Value}, settle: {settle} }}" + text[(drain.Index + drain.Length)..];
        var directory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", "settled-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Path.GetFileName(shipped));
        File.WriteAllText(path, copy);
        return path;
    }

    [GeneratedRegex(@"^drain: \{ timeout: (?<timeout>[^,}\s]+)(, settle: [^,}\s]+)? \}", RegexOptions.Multiline)]
    private static partial Regex DrainLine();
}
