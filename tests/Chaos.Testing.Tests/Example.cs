namespace Chaos.Testing.Tests;

/// <summary>The example bank API's files, found from the test binaries' folder.</summary>
internal static class Example
{
    public static string Folder { get; } = Find();

    /// <summary>
    /// The example's rehearsal shortened to 12 s (brown-out from 4 s to 10 s), written into <paramref name="folder"/> with
    /// its system file by absolute path: what a team's test would keep next to its service.
    /// </summary>
    public static string ShortBrownout(string folder)
    {
        var yaml = File.ReadAllText(Path.Combine(Folder, "rehearsal.yaml"))
            .Replace("system: ./system.yaml", $"system: \"{Path.Combine(Folder, "system.yaml")}\"", StringComparison.Ordinal)
            .Replace("duration: 20s", "duration: 12s", StringComparison.Ordinal)
            .Replace("start: 5s", "start: 4s", StringComparison.Ordinal)
            .Replace("duration: 10s", "duration: 6s", StringComparison.Ordinal);
        var path = Path.Combine(folder, "brownout-short.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "examples", "bank-transfers");
            if (File.Exists(Path.Combine(candidate, "system.yaml")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No examples/bank-transfers above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
