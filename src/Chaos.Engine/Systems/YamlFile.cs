using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Systems;

/// <summary>Reads the text of a scenario or system file; a file that cannot be read gives the error that says why, never an exception.</summary>
internal static class YamlFile
{
    /// <summary>Reads the file's text.</summary>
    /// <param name="path">The path of the file; the error quotes it as given.</param>
    /// <param name="whereItLives">Where such files are, ending the not-found message (for example <c>scenario files live in scenarios/</c>).</param>
    /// <param name="error">Why the file could not be read, or null.</param>
    /// <returns>The text, or null when the file could not be read.</returns>
    public static string? Read(string path, string whereItLives, out ScenarioError? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        error = null;
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error = new ScenarioError(path, 0, 0, "", $"file not found; check the path ({whereItLives}).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = new ScenarioError(path, 0, 0, "", $"cannot read the file ({ex.Message.TrimEnd('.')}); check the path and its permissions.");
        }

        return null;
    }
}
