using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Systems;

/// <summary>
/// Loads system files (YAML) into validated <see cref="SystemDefinition"/>s. Every problem in a file is reported at
/// once, each with its file, line and field and how to fix it; bad input never throws. Paths in the file (mapping
/// files, the working directory) are relative to the file's folder, and the mapping files are read and checked too.
/// </summary>
/// <remarks>The format is described in <c>scenarios/README.md</c>, "The system file".</remarks>
public static class SystemLoader
{
    /// <summary>Reads and validates a system file. A file that cannot be read gives an error result, not an exception.</summary>
    /// <param name="path">The path of the file; messages quote it as given.</param>
    /// <param name="options">How the file is read when its service is not started from it; null for the CLI's.</param>
    /// <returns>The system, or every error found.</returns>
    public static SystemLoadResult LoadFile(string path, SystemLoadOptions? options = null)
    {
        var yaml = YamlFile.Read(path, "a scenario's system: is relative to the scenario file", out var error);
        return yaml is null ? new SystemLoadResult(null, [error!]) : Parse(yaml, path, options);
    }

    /// <summary>Validates a system file given as YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourcePath">
    /// The file the text came from: quoted in messages, and its folder is where relative paths in the file start.
    /// </param>
    /// <param name="options">How the file is read when its service is not started from it; null for the CLI's.</param>
    /// <returns>The system, or every error found.</returns>
    public static SystemLoadResult Parse(string yaml, string sourcePath, SystemLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourcePath);
        var errors = new LoadErrors(sourcePath);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(sourcePath)) ?? Directory.GetCurrentDirectory();
        var system = SystemValidator.Validate(errors, yaml, sourcePath, baseDirectory, options);
        var sorted = errors.ForResult(system is null, "the system file could not be read; compare it with the example in scenarios/README.md.");
        return sorted.Count > 0 ? new SystemLoadResult(null, sorted) : new SystemLoadResult(system, sorted);
    }
}
