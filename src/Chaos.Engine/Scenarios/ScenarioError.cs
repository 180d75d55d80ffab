namespace Chaos.Engine.Scenarios;

/// <summary>
/// One problem found in a scenario file: where it is, which field, and how to fix it.
/// </summary>
/// <param name="File">The file the scenario was read from, as given to the loader.</param>
/// <param name="Line">The 1-based line of the problem, or 0 when it concerns the whole file (for example a missing file).</param>
/// <param name="Column">The 1-based column of the problem, or 0 when unknown.</param>
/// <param name="Field">The path of the field, for example <c>faults[1].fault.injectionRate</c>; empty for a YAML syntax error or a file error.</param>
/// <param name="Message">What is wrong and how to fix it, for example <c>1.5 is outside [0, 1]; use 0.05 for 5%.</c></param>
public sealed record ScenarioError(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>
    /// Formats the error as <c>file:line: field: message</c>, for example
    /// <c>scenarios/x.yaml:14: faults[1].fault.injectionRate: 1.5 is outside [0, 1]; use 0.05 for 5%.</c>
    /// </summary>
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}" : File;
        return Field.Length > 0 ? $"{location}: {Field}: {Message}" : $"{location}: {Message}";
    }
}
