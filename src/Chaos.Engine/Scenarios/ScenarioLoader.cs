using Chaos.Engine.Systems;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// Loads scenario files (YAML) into validated <see cref="Scenario"/>s. Every problem in a file is reported at
/// once, each with its file, line and field and how to fix it; bad input never throws.
/// </summary>
/// <remarks>The format is described in <c>scenarios/README.md</c>.</remarks>
public static class ScenarioLoader
{
    /// <summary>Reads and validates a scenario file. A file that cannot be read gives an error result, not an exception.</summary>
    /// <param name="path">The path of the file; messages quote it as given.</param>
    /// <param name="systemOptions">How a system file the scenario names is loaded (whether its service is hosted elsewhere, which journeys are code); null for the CLI's.</param>
    /// <returns>The scenario, or every error found.</returns>
    public static ScenarioLoadResult LoadFile(string path, SystemLoadOptions? systemOptions = null)
    {
        var yaml = YamlFile.Read(path, "scenario files live in scenarios/ and end in .yaml", out var error);
        return yaml is null ? new ScenarioLoadResult(null, [error!]) : Parse(yaml, path, systemOptions);
    }

    /// <summary>Validates a scenario given as YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourcePath">The file the text came from, quoted in messages and kept in <see cref="Scenario.SourcePath"/>.</param>
    /// <param name="systemOptions">How a system file the scenario names is loaded (whether its service is hosted elsewhere, which journeys are code); null for the CLI's.</param>
    /// <returns>The scenario, or every error found.</returns>
    public static ScenarioLoadResult Parse(string yaml, string sourcePath, SystemLoadOptions? systemOptions = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(sourcePath);
        return new ScenarioReader(sourcePath, systemOptions ?? SystemLoadOptions.Default).Read(yaml);
    }
}
