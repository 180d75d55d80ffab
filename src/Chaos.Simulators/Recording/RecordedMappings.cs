using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock.Logging;
using WireMock.Types;

namespace Chaos.Simulators.Recording;

/// <summary>
/// Recorded calls of one dependency turned into WireMock.Net JSON mappings that replay them: one mapping per method and
/// path (the first 2xx answer, else the first answer), matched on the method and the path alone (no header, query or
/// body matcher), with a path segment that looks like an id (a number, a GUID, a long hex string) matching any segment,
/// and the answer's volatile headers (<see cref="ScrubbedHeaders"/>) left out.
/// </summary>
public sealed partial class RecordedMappings
{
    /// <summary>Response headers that describe one exchange, not the dependency's behaviour; never written.</summary>
    public static readonly IReadOnlySet<string> ScrubbedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Transfer-Encoding", "Content-Length", "Connection", "Keep-Alive", "traceparent", "tracestate", "Request-Context",
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private RecordedMappings(string dependency, IReadOnlyList<JsonObject> mappings, int calls)
    {
        Dependency = dependency;
        Mappings = mappings;
        Calls = calls;
    }

    /// <summary>Gets the dependency's name.</summary>
    public string Dependency { get; }

    /// <summary>Gets the mappings, in the order their first call arrived.</summary>
    public IReadOnlyList<JsonObject> Mappings { get; }

    /// <summary>Gets how many calls were recorded.</summary>
    public int Calls { get; }

    /// <summary>Turns recorded calls (WireMock's request log of a proxy) into mappings.</summary>
    /// <param name="dependency">The dependency's name, for the mappings' titles.</param>
    /// <param name="calls">The calls, in arrival order.</param>
    public static RecordedMappings From(string dependency, IReadOnlyList<ILogEntry> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var chosen = new Dictionary<(string Method, string Pattern), ILogEntry>();
        var order = new List<(string Method, string Pattern)>();
        foreach (var call in calls)
        {
            if (call.ResponseMessage is null)
            {
                continue;
            }

            var key = (call.RequestMessage.Method.ToUpperInvariant(), PathPattern(call.RequestMessage.Path));
            if (!chosen.TryGetValue(key, out var existing))
            {
                chosen[key] = call;
                order.Add(key);
            }
            else if (!IsSuccess(StatusOf(existing)) && IsSuccess(StatusOf(call)))
            {
                chosen[key] = call;
            }
        }

        return new RecordedMappings(dependency, [.. order.Select(key => Mapping(dependency, key.Method, key.Pattern, chosen[key]))], calls.Count);
    }

    /// <summary>Writes the mappings as one JSON file (a list of mappings), replacing an earlier recording there.</summary>
    /// <param name="path">The file.</param>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var list = new JsonArray([.. Mappings.Select(m => (JsonNode)m.DeepClone())]);
        File.WriteAllText(path, list.ToJsonString(Indented) + Environment.NewLine);
    }

    /// <summary>The path as a WireMock wildcard pattern: id-like segments become <c>*</c>, wildcard characters are kept out.</summary>
    internal static string PathPattern(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = IdLike().IsMatch(segments[i]) ? "*" : segments[i].Replace("*", "?", StringComparison.Ordinal);
        }

        return string.Join('/', segments);
    }

    private static JsonObject Mapping(string dependency, string method, string pattern, ILogEntry call)
    {
        var response = call.ResponseMessage;
        var status = StatusOf(call);
        var answer = new JsonObject { ["StatusCode"] = status };
        var headers = new JsonObject();
        string? contentType = null;
        foreach (var (name, values) in response.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
        {
            if (ScrubbedHeaders.Contains(name))
            {
                continue;
            }

            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = values.FirstOrDefault();
            }

            headers[name] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        if (headers.Count > 0)
        {
            answer["Headers"] = headers;
        }

        if (response.BodyData is { } body)
        {
            var text = body.BodyAsString ?? body.BodyAsJson?.ToString();
            var json = body.DetectedBodyType == BodyType.Json || (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false);
            if (json && text is not null && TryParse(text) is { } node)
            {
                answer["BodyAsJson"] = node;
            }
            else if (text is not null && body.DetectedBodyType != BodyType.Bytes)
            {
                answer["Body"] = text;
            }
            else if (body.BodyAsBytes is { Length: > 0 } bytes)
            {
                answer["BodyAsBytes"] = Convert.ToBase64String(bytes);
            }
        }

        var title = $"{dependency}: {method} {pattern} (recorded)";
        return new JsonObject
        {
            ["Guid"] = StableGuid($"{dependency} {method} {pattern}").ToString(),
            ["Title"] = title,
            ["Request"] = new JsonObject
            {
                ["Path"] = new JsonObject { ["Matchers"] = new JsonArray(new JsonObject { ["Name"] = "WildcardMatcher", ["Pattern"] = pattern }) },
                ["Methods"] = new JsonArray(method),
            },
            ["Response"] = answer,
        };
    }

    private static int StatusOf(ILogEntry call) => call.ResponseMessage.StatusCode switch
    {
        int code => code,
        string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) => code,
        System.Net.HttpStatusCode code => (int)code,
        _ => 200,
    };

    private static bool IsSuccess(int status) => status is >= 200 and < 300;

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The same dependency, method and path give the same Guid: a second recording replaces the first in WireMock too.
    private static Guid StableGuid(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));

    [GeneratedRegex(@"^(\d+|[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}|[0-9a-fA-F]{16,})$")]
    private static partial Regex IdLike();
}
