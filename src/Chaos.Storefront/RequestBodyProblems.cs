using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Chaos.Storefront;

/// <summary>
/// The problem details of a request body the storefront could not read: each names the field and says how to fix it, in
/// the client's terms, never the framework's (no parameter or type names, no line and byte positions).
/// </summary>
internal static class RequestBodyProblems
{
    public const string UnsupportedMediaType = "The request body must be JSON; send it with Content-Type: application/json.";

    /// <summary>What a 400 from binding says when no body was expected (a path or query value).</summary>
    public const string BadPathOrQuery =
        "The request could not be read: a value in its path or query string is not in the expected format; docs/storefront-api.md lists each endpoint's parameters.";

    private const string Title = "Bad request";

    /// <summary>
    /// Gives a problem the framework wrote without a detail (binding answers 415 for another media type without throwing,
    /// and the status code pages write it) the detail that says how to fix it.
    /// </summary>
    public static void Explain(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Detail is null && context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
        {
            context.ProblemDetails.Detail = UnsupportedMediaType;
        }
    }

    /// <summary>The detail of a missing or unparseable body, with the endpoint's example body when it has one.</summary>
    public static string NotJson(HttpContext context) =>
        $"The request body is missing or is not JSON; send a JSON object such as {ExampleOf(context) ?? "{}"}.";

    /// <summary>The example body of the request's endpoint, also once the exception handler has cleared the endpoint.</summary>
    public static string? ExampleOf(HttpContext context) =>
        (context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint)?.Metadata.GetMetadata<JsonBodyExample>()?.Json;

    /// <summary>A body that is missing, is not JSON, or is not an object.</summary>
    public static ProblemDetails NotJsonProblem(HttpContext context) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = Title,
        Detail = NotJson(context),
    };

    /// <summary>A body in another media type than JSON.</summary>
    public static ProblemDetails UnsupportedMediaTypeProblem() => new()
    {
        Status = StatusCodes.Status415UnsupportedMediaType,
        Title = "Unsupported media type",
        Detail = UnsupportedMediaType,
    };

    /// <summary>A body larger than the endpoint takes.</summary>
    public static ProblemDetails TooLargeProblem(long maxBytes) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request body too large",
        Detail = $"The request body is larger than {maxBytes} bytes; send only the fields docs/storefront-api.md lists.",
    };

    /// <summary>
    /// A body that System.Text.Json refused: a property given twice (names compared without regard to case, as binding
    /// compares them), a value of the wrong JSON type (a number sent as a string), or malformed JSON.
    /// </summary>
    public static ProblemDetails FromJson(HttpContext context, JsonException json)
    {
        var field = FieldOf(json.Path);
        string? detail = null;
        if (field is not null)
        {
            detail = json.Message.StartsWith("Duplicate property", StringComparison.Ordinal)
                ? $"{field} appears more than once in the body (property names are compared without regard to case); send each property once."
                : json.InnerException switch
                {
                    InvalidOperationException wrong when wrong.Message.Contains("as a number", StringComparison.Ordinal) => $"{field} must be a JSON number, for example 2.",
                    InvalidOperationException wrong when wrong.Message.Contains("as a string", StringComparison.Ordinal) => $"{field} must be a JSON string in double quotes.",
                    InvalidOperationException => $"{field} has a value of the wrong JSON type; docs/storefront-api.md gives each field's type.",
                    FormatException => $"{field} must be a whole number in range, for example 2.",
                    _ => null,
                };
        }

        if (detail is null)
        {
            return NotJsonProblem(context);
        }

        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field!] = [detail] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Title,
            Detail = detail,
        };
    }

    // "$.quantity" names the field; "$" (the whole body) or a nested path does not name one a client sent at the top.
    private static string? FieldOf(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) && path.AsSpan(2).IndexOfAny(".[") < 0
            ? EchoedInput.Cap(path[2..])
            : null;
}
