namespace Chaos.Testing.Tests;

/// <summary>The example bank API's files, found from the test binaries' folder.</summary>
internal static class Example
{
    public static string Folder { get; } = Find();

    /// <summary>
    /// The example's rehearsal shortened to 12 s (brown-out from 4 s to 10 s), written into <paramref name="folder"/> with
    /// its system file by absolute path: what a team's test would keep next to its service.
    /// </summary>
    public static string ShortBrownout(string folder) => Shortened(folder, "rehearsal.yaml", "system.yaml", "brownout-short.yaml");

    /// <summary>
    /// The example's regional outage shortened to 12 s (the EU region down from 4 s to 10 s), written into
    /// <paramref name="folder"/> with its system file (the bank as a pool of two regions) by absolute path.
    /// </summary>
    public static string ShortRegionalOutage(string folder) => Shortened(folder, "regional-outage.yaml", "system-regions.yaml", "regional-outage-short.yaml");

    /// <summary>A scenario of the example whose 20 s load has its fault from 5 s to 15 s, as a 12 s load with it from 4 s to 10 s.</summary>
    private static string Shortened(string folder, string scenario, string system, string name)
    {
        var yaml = File.ReadAllText(Path.Combine(Folder, scenario))
            .Replace($"system: ./{system}", $"system: '{Path.Combine(Folder, system)}'", StringComparison.Ordinal)
            .Replace("duration: 20s", "duration: 12s", StringComparison.Ordinal)
            .Replace("start: 5s", "start: 4s", StringComparison.Ordinal)
            .Replace("duration: 10s", "duration: 6s", StringComparison.Ordinal);
        var path = Path.Combine(folder, name);
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
