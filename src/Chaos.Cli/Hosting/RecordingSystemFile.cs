using Chaos.Engine.Scenarios;
using Chaos.Engine.Systems;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Cli.Hosting;

/// <summary>
/// The system file of <c>chaos record</c>, loaded like a run's, except that a recorded dependency's <c>mappings:</c>
/// folder may be missing or empty (it is what the recording fills): for the load such a folder is stood in for by a
/// placeholder mapping that nothing serves, since the recorded dependency is proxied, not simulated.
/// </summary>
internal sealed class RecordingSystemFile
{
    private const string Placeholder = """{ "request": { "methods": ["GET"], "path": "/" }, "response": { "status": 200 } }""";

    private RecordingSystemFile(SystemDefinition system, IReadOnlyDictionary<string, string?> mappingFolders)
    {
        System = system;
        MappingFolders = mappingFolders;
    }

    /// <summary>Gets the system.</summary>
    public SystemDefinition System { get; }

    /// <summary>Gets each recorded dependency's <c>mappings:</c> folder (absolute), or null when <c>mappings:</c> names files.</summary>
    public IReadOnlyDictionary<string, string?> MappingFolders { get; }

    /// <summary>Loads the file; on errors writes every one (with its line) and returns null.</summary>
    /// <param name="path">The system file (<c>--system</c>).</param>
    /// <param name="recorded">The names of the dependencies to record.</param>
    /// <param name="error">Where errors go.</param>
    public static RecordingSystemFile? Load(string path, IReadOnlyCollection<string> recorded, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"--system {path}: no such file; pass the path of the service's system file (scenarios/README.md, \"The system file\").");
            return null;
        }

        var yaml = File.ReadAllText(path);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var folders = new Dictionary<string, string?>(StringComparer.Ordinal);
        var replacements = new List<(int Start, int End, string Text)>();
        string? placeholderFolder = null;
        foreach (var (name, node) in MappingsNodes(yaml, recorded))
        {
            if (node is not YamlScalarNode { Value: { Length: > 0 } text })
            {
                folders[name] = null;
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(baseDirectory, text));
            folders[name] = File.Exists(full) ? null : full;
            if (!File.Exists(full) && (!Directory.Exists(full) || Directory.GetFiles(full, "*.json").Length == 0))
            {
                placeholderFolder ??= Directory.CreateTempSubdirectory("chaos-record-").FullName;
                replacements.Add(((int)node.Start.Index, (int)node.End.Index, "\"" + placeholderFolder.Replace("\\", "\\\\", StringComparison.Ordinal) + "\""));
            }
        }

        SystemLoadResult loaded;
        try
        {
            if (placeholderFolder is not null)
            {
                File.WriteAllText(Path.Combine(placeholderFolder, "placeholder.json"), Placeholder);
            }

            foreach (var (start, end, text) in replacements.OrderByDescending(r => r.Start))
            {
                yaml = string.Concat(yaml.AsSpan(0, start), text, yaml.AsSpan(end));
            }

            loaded = SystemLoader.Parse(yaml, path);
        }
        finally
        {
            if (placeholderFolder is not null)
            {
                Directory.Delete(placeholderFolder, recursive: true);
            }
        }

        if (!loaded.IsValid || loaded.System is not { } system)
        {
            foreach (var e in loaded.Errors)
            {
                error.WriteLine(e.ToString());
            }

            error.WriteLine($"{path}: {loaded.Errors.Count} error(s); fix them and record again.");
            return null;
        }

        return new RecordingSystemFile(system, folders);
    }

    /// <summary>The names under <c>dependencies:</c> of a system file that is YAML, or null (the loader then says what is wrong).</summary>
    /// <param name="path">The system file, which exists.</param>
    public static IReadOnlyList<string>? DependencyNames(string path) =>
        DependenciesNode(File.ReadAllText(path)) is { } map ? [.. map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "")] : null;

    private static YamlMappingNode? DependenciesNode(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return null;
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("dependencies"), out var dependencies) && dependencies is YamlMappingNode map
            ? map
            : null;
    }

    /// <summary>The <c>mappings:</c> value of each recorded dependency that the file has; nothing when it is not YAML (the loader says why).</summary>
    private static IEnumerable<(string Name, YamlNode Node)> MappingsNodes(string yaml, IReadOnlyCollection<string> recorded)
    {
        if (DependenciesNode(yaml) is not { } map)
        {
            yield break;
        }

        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && recorded.Contains(name)
                && value is YamlMappingNode dependency && dependency.Children.TryGetValue(new YamlScalarNode("mappings"), out var mappings))
            {
                yield return (name, mappings);
            }
        }
    }
}
