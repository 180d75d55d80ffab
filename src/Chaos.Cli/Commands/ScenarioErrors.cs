using Chaos.Engine.Scenarios;

namespace Chaos.Cli.Commands;

/// <summary>Prints scenario errors the way compilers do, one per line, so editors can jump to them.</summary>
internal static class ScenarioErrors
{
    public static void Write(TextWriter error, IEnumerable<ScenarioError> errors)
    {
        foreach (var e in errors)
        {
            error.WriteLine(e.ToString());
        }
    }
}
