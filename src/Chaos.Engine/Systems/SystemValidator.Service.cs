using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Systems;

/// <summary>The <c>service:</c> section.</summary>
internal static partial class SystemValidator
{
    private static readonly string[] ServiceKeys = ["url", "command", "args", "workingDirectory", "env", "ready", "startTimeout", "stopTimeout"];

    private static readonly string[] CommandOnlyKeys = ["args", "workingDirectory", "env", "stopTimeout"];

    /// <summary>Validates <c>service:</c>: either <c>url:</c> or <c>command:</c> with its arguments, environment and timeouts.</summary>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="node">The section's value.</param>
    /// <param name="field">The section's path, for messages.</param>
    /// <param name="baseDirectory">The folder <c>workingDirectory</c> is relative to.</param>
    /// <returns>The service, or null.</returns>
    public static ServiceDefinition? ValidateService(LoadErrors errors, YamlNode node, string field, string baseDirectory)
    {
        const string Example = "service: { command: dotnet, args: [bin/MyApi.dll], ready: GET /health }";
        if (YamlValues.Map(errors, node, field, Example) is not { } mapNode)
        {
            return null;
        }

        var before = errors.Count;
        var map = new YamlMap(errors, mapNode, field, ServiceKeys);
        var hasUrl = map.Has("url");
        var hasCommand = map.Has("command");
        if (hasUrl == hasCommand)
        {
            errors.Add(mapNode, field, hasUrl
                ? "has both url and command; keep url: for a service that is already running, or command: for one Chaos starts."
                : "has neither url nor command; add command: (Chaos starts the service) or url: (it is already running), like " + Example + ".");
        }

        Uri? url = null;
        if (hasUrl && map.Required("url", "url: http://127.0.0.1:5080") is { } urlNode)
        {
            url = ValidateUrl(errors, urlNode, map.Field("url"));
            foreach (var key in hasCommand ? [] : CommandOnlyKeys)
            {
                if (map.KeyNode(key) is { } keyNode)
                {
                    errors.Add(keyNode, map.Field(key), "applies only to a service Chaos starts; remove it, or replace url: with command:.");
                }
            }
        }

        string? command = null;
        if (hasCommand && map.Required("command", "command: dotnet") is { } commandNode)
        {
            command = YamlValues.Text(errors, commandNode, map.Field("command"), "command: dotnet");
            if (command is { } text && (text.Trim().Length == 0 || text.Trim() != text))
            {
                errors.Add(commandNode, map.Field("command"), $"{YamlValues.Raw(commandNode)} has leading or trailing spaces or is empty; write the program alone, and its arguments under args:.");
            }
            else if (command is { } program && program.Contains(' ', StringComparison.Ordinal) && !File.Exists(Path.Combine(baseDirectory, program)))
            {
                errors.Add(commandNode, map.Field("command"), $"\"{program}\" holds spaces; put the program in command: and each argument in args:, like command: dotnet and args: [run, --project, src/MyApi].");
            }
        }

        var args = map.TryGet("args", out var argsNode) ? ValidateArgs(errors, argsNode, map.Field("args")) : [];
        var env = map.TryGet("env", out var envNode) ? ValidateEnvironment(errors, envNode, map.Field("env")) : new Dictionary<string, string>();
        var workingDirectory = map.TryGet("workingDirectory", out var wdNode)
            ? ValidateWorkingDirectory(errors, wdNode, map.Field("workingDirectory"), baseDirectory)
            : baseDirectory;
        var ready = map.TryGet("ready", out var readyNode) && ValidateMethodAndPath(errors, readyNode, map.Field("ready"), "ready: GET /health") is { } check
            ? new ReadyCheck(check.Method, check.Path)
            : null;
        var startTimeout = map.TryGet("startTimeout", out var startNode) ? YamlValues.PositiveDuration(errors, startNode, map.Field("startTimeout")) : TimeSpan.FromSeconds(30);
        var stopTimeout = map.TryGet("stopTimeout", out var stopNode) ? YamlValues.PositiveDuration(errors, stopNode, map.Field("stopTimeout")) : TimeSpan.FromSeconds(10);

        if (errors.Count > before || args is null || env is null || workingDirectory is null || startTimeout is null || stopTimeout is null)
        {
            return null;
        }

        var usesPort = args.Any(a => a.Contains(ServiceDefinition.PortPlaceholder, StringComparison.Ordinal))
            || env.Values.Any(v => v.Contains(ServiceDefinition.PortPlaceholder, StringComparison.Ordinal));
        return new ServiceDefinition
        {
            Url = url,
            Command = command,
            Args = args,
            Environment = env,
            WorkingDirectory = workingDirectory,
            UsesPortPlaceholder = usesPort,
            Ready = ready,
            StartTimeout = startTimeout.Value,
            StopTimeout = stopTimeout.Value,
        };
    }

    private static Uri? ValidateUrl(LoadErrors errors, YamlNode node, string field)
    {
        if (YamlValues.Text(errors, node, field, "url: http://127.0.0.1:5080") is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add(node, field, $"{YamlValues.Raw(node)} is not an http or https URL; write it like http://127.0.0.1:5080.");
            return null;
        }

        return url;
    }

    private static List<string>? ValidateArgs(LoadErrors errors, YamlNode node, string field)
    {
        if (YamlValues.List(errors, node, field, "args: [bin/MyApi.dll, --urls, \"http://127.0.0.1:{port}\"]") is not { } list)
        {
            return null;
        }

        var args = new List<string>();
        var ok = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (list.Children[i] is YamlScalarNode { Value: { } value } && !YamlValues.IsNull(list.Children[i]))
            {
                args.Add(value);
            }
            else
            {
                errors.Add(list.Children[i], $"{field}[{i}]", $"expected text, got {YamlValues.Describe(list.Children[i])}; write each argument as text, quoted if it holds {{ or : .");
                ok = false;
            }
        }

        return ok ? args : null;
    }

    private static Dictionary<string, string>? ValidateEnvironment(LoadErrors errors, YamlNode node, string field)
    {
        if (YamlValues.Map(errors, node, field, "env: { ASPNETCORE_ENVIRONMENT: Production }") is not { } map)
        {
            return null;
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (key, name, value) in Entries(errors, map, field))
        {
            if (!EnvironmentName().IsMatch(name))
            {
                errors.Add(key, $"{field}.{name}", "is not an environment variable name; use letters, digits and _, not starting with a digit, like Bank__BaseAddress.");
                ok = false;
            }
            else if (value is YamlScalarNode { Value: { } text } && !YamlValues.IsNull(value))
            {
                env[name] = text;
            }
            else
            {
                errors.Add(value, $"{field}.{name}", $"expected text, got {YamlValues.Describe(value)}; write the value as text, like {name}: \"1\".");
                ok = false;
            }
        }

        return ok ? env : null;
    }

    private static string? ValidateWorkingDirectory(LoadErrors errors, YamlNode node, string field, string baseDirectory)
    {
        if (YamlValues.Text(errors, node, field, "workingDirectory: ../app") is not { } text)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(baseDirectory, text));
        if (!Directory.Exists(full))
        {
            errors.Add(node, field, $"the folder \"{text}\" does not exist ({full}); paths are relative to the system file's folder.");
            return null;
        }

        return full;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex EnvironmentName();
}
