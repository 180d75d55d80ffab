using Chaos.Engine.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>The errors found in one file (a scenario or a system file), each with its line; readers add to it and never stop at the first.</summary>
/// <param name="file">The file, as given to the loader; every error quotes it.</param>
internal sealed class LoadErrors(string file)
{
    private readonly List<ScenarioError> _errors = [];

    public string File => file;

    public int Count => _errors.Count;

    public void Add(YamlNode node, string field, string message) => Add(node.Start, field, message);

    public void Add(Mark mark, string field, string message) => Add((int)mark.Line, (int)mark.Column, field, message);

    public void Add(int line, int column, string field, string message) => _errors.Add(new ScenarioError(file, line, column, field, message));

    /// <summary>Adds errors found elsewhere (a file this one refers to), as they are.</summary>
    public void AddRange(IEnumerable<ScenarioError> errors) => _errors.AddRange(errors);

    /// <summary>The errors ordered by position, so that a reader can walk the file from the top (stable: errors on one line keep the order they were found in).</summary>
    public IReadOnlyList<ScenarioError> Sorted() => [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];

    /// <summary>The errors for the file's result, <see cref="Sorted"/>.</summary>
    /// <param name="gaveUp">Whether the reader returned nothing.</param>
    /// <param name="why">What to say when it gave up without an error, saying how to fix the file.</param>
    public IReadOnlyList<ScenarioError> ForResult(bool gaveUp, string why)
    {
        if (gaveUp && _errors.Count == 0)
        {
            // Every path that gives up reports why; this only keeps a result from being invalid without a reason.
            Add(1, 1, "", why);
        }

        return Sorted();
    }
}
