using Chaos.Engine.Scenarios;

namespace Chaos.Cli.Commands;

/// <summary>Prints scenario errors the way compilers do, one per line, so editors can jump to them.</summary>
internal static class ScenarioErrors
{
    /// <summary>Loads a scenario file; on errors prints every one and how to check a file, and returns null.</summary>
    public static Scenario? Load(string path, TextWriter error)
    {
        var loaded = ScenarioLoader.LoadFile(path);
        if (loaded.IsValid && loaded.Scenario is { } scenario)
        {
            return scenario;
        }

        Write(error, loaded.Errors);
        error.WriteLine($"{path}: {loaded.Errors.Count} error(s); fix them and run again (`chaos validate` checks a file without running it).");
        return null;
    }

    public static void Write(TextWriter error, IEnumerable<ScenarioError> errors)
    {
        foreach (var e in errors)
        {
            error.WriteLine(e.ToString());
        }
    }
}
