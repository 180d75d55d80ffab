using Chaos.Engine.Scenarios;

namespace Chaos.Cli.Commands;

/// <summary>Prints scenario errors the way compilers do, one per line, so editors can jump to them.</summary>
internal static class ScenarioErrors
{
    /// <summary>Loads a scenario file; on errors prints every one and how to check a file, and returns null.</summary>
    public static Scenario? Load(string path, TextWriter error)
    {
        path = Resolve(path);
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

    /// <summary>
    /// The scenario file <paramref name="path"/> names: the path itself when it exists, else, for a bare name such as
    /// <c>payment-gateway-down</c> (no folder), the incident library's file that ships with chaos
    /// (<see cref="InitCommand.ShippedScenariosDirectory"/>), so that an installed tool runs the library by name.
    /// </summary>
    /// <param name="path">What the command line gave.</param>
    /// <returns>The file to load; <paramref name="path"/> when nothing else fits, so its error names what was given.</returns>
    public static string Resolve(string path)
    {
        if (File.Exists(path) || path.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || path.Contains('/', StringComparison.Ordinal))
        {
            return path;
        }

        var name = path.EndsWith(".yaml", StringComparison.Ordinal) ? path : path + ".yaml";
        var shipped = Path.Combine(InitCommand.ShippedScenariosDirectory, name);
        return File.Exists(shipped) ? shipped : path;
    }
}
