namespace Chaos.Hosting;

/// <summary>Reads <c>/proc/{pid}/stat</c> on Linux.</summary>
internal static class ProcStat
{
    /// <summary>
    /// Gets the fields after the command name (field 3, the state, is the first; field 22, the start time, the 20th), or
    /// null when the process is gone. The name is skipped by its closing parenthesis, as it may hold spaces.
    /// </summary>
    /// <param name="pid">The process.</param>
    /// <returns>The fields, or null.</returns>
    public static string[]? FieldsAfterName(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
