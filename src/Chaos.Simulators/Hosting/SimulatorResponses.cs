using System.Text.Json;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace Chaos.Simulators.Hosting;

/// <summary>Builds WireMock response messages; keeps WireMock's types out of the simulators' logic.</summary>
internal static class SimulatorResponses
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    internal static ResponseMessage Json<T>(int statusCode, T body, params (string Name, string Value)[] headers) =>
        Create(statusCode, JsonSerializer.Serialize(body, JsonOptions), "application/json", headers);

    internal static ResponseMessage Problem(int statusCode, string type, string detail, params (string Name, string Value)[] headers) =>
        Create(statusCode, JsonSerializer.Serialize(new { error = new { type, message = detail } }, JsonOptions), "application/json", headers);

    internal static ResponseMessage Create(int statusCode, string body, string contentType, params (string Name, string Value)[] headers)
    {
        var all = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = new(contentType),
        };
        foreach (var (name, value) in headers)
        {
            all[name] = new WireMockList<string>(value);
        }

        return new ResponseMessage
        {
            StatusCode = statusCode,
            Headers = all,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
        };
    }

    internal static string? Header(IRequestMessage request, string name)
    {
        if (request.Headers is null)
        {
            return null;
        }

        foreach (var (key, values) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && values.Count > 0)
            {
                return values[0];
            }
        }

        return null;
    }
}
