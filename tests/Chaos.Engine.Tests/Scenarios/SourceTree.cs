namespace Chaos.Engine.Tests.Scenarios;

/// <summary>Finds files of the repository from the test binaries' folder.</summary>
internal static class SourceTree
{
    /// <summary>Gets a file copied next to the tests, or else the same file found above them in the source tree.</summary>
    /// <param name="relativePath">The path from the repository's root, for example <c>scenarios/README.md</c>.</param>
    /// <param name="copiedAs">The path next to the tests, if the build copies the file there.</param>
    public static string Find(string relativePath, string? copiedAs = null)
    {
        if (copiedAs is not null && Path.Combine(AppContext.BaseDirectory, copiedAs) is var copied && File.Exists(copied))
        {
            return copied;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} is neither next to the tests nor in a folder above them.");
    }
}
