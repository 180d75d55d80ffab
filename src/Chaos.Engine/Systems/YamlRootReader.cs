using Chaos.Engine.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>
/// Parses the text of a scenario or a system file into the root map of its one document (the representation model
/// keeps every node's line), reporting text that is not YAML, no document or more than one, and a root that is not a map.
/// One instance per kind of file, holding what its messages say.
/// </summary>
/// <param name="noDocument">The message for a file with no document, saying what to write.</param>
/// <param name="extraDocument">The message for a second document, saying what to do with it.</param>
/// <param name="topKeys">Keys of the root map, for the message when the root is not a map (for example <c>name: and load:</c>).</param>
internal sealed class YamlRootReader(string noDocument, string extraDocument, string topKeys)
{
    /// <summary>Reads the root map.</summary>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="yaml">The file's text.</param>
    /// <param name="reportSyntax">Reports a YAML syntax error, in the file kind's own words.</param>
    /// <returns>The root map, or null when there is none to read.</returns>
    public YamlMappingNode? Read(LoadErrors errors, string yaml, Action<YamlException> reportSyntax)
    {
        var parser = new TrackingParser(new StringReader(yaml));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            reportSyntax(ex);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet reports some malformed flow collections this way, without a position.
            errors.Add((int)Math.Max(1, parser.LastGood.Line), (int)parser.LastGood.Column, "", "YAML syntax error: malformed YAML here; check for an unclosed [ or {, or a value that needs quotes.");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            errors.Add(1, 1, "", noDocument);
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(stream.Documents[1].RootNode, "", extraDocument);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(stream.Documents[0].RootNode, "", $"expected a map of keys such as {topKeys}, got {YamlValues.Describe(stream.Documents[0].RootNode)}; see scenarios/README.md.");
            return null;
        }

        return root;
    }
}
