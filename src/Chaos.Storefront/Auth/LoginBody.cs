using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Auth;

/// <summary>
/// The one reading of a <c>POST /login</c> body, kept as a request feature: the login rate limit partitions by the
/// account it names and the endpoint signs in that same account, so no body can be counted as one account and checked
/// as another (a duplicate <c>username</c> is refused, see <see cref="RequestBodyProblems.FromJson"/>).
/// </summary>
internal sealed class LoginBody
{
    /// <summary>The most of a login body read; a longer one is refused with 413 (and still counted by the limit).</summary>
    public const int MaxBytes = 4096;

    private LoginBody(LoginRequest? request, ProblemDetails? problem)
    {
        Request = request;
        Problem = problem;
    }

    /// <summary>Gets the body, or null when it could not be read (see <see cref="Problem"/>).</summary>
    public LoginRequest? Request { get; }

    /// <summary>Gets why the body could not be read, or null when it was.</summary>
    public ProblemDetails? Problem { get; }

    /// <summary>Gets the account the login is for, trimmed and in lower case, or null when the body names none.</summary>
    public string? Account =>
        string.IsNullOrWhiteSpace(Request?.Username) ? null : Request.Username.Trim().ToLowerInvariant();

    /// <summary>Reads the request's body the first time it is asked for, and returns that same reading afterwards.</summary>
    public static async ValueTask<LoginBody> ReadAsync(HttpContext context)
    {
        if (context.Features.Get<LoginBody>() is { } read)
        {
            return read;
        }

        var body = await ParseAsync(context);
        context.Features.Set(body);
        return body;
    }

    private static async Task<LoginBody> ParseAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return new LoginBody(null, RequestBodyProblems.UnsupportedMediaTypeProblem());
        }

        if (request.ContentLength is > MaxBytes)
        {
            return new LoginBody(null, RequestBodyProblems.TooLargeProblem(MaxBytes));
        }

        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
        {
            length += read;
        }

        if (length > MaxBytes)
        {
            return new LoginBody(null, RequestBodyProblems.TooLargeProblem(MaxBytes));
        }

        // The same options as every other endpoint's binding: duplicates refused, names without regard to case.
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return JsonSerializer.Deserialize<LoginRequest>(buffer.AsSpan(0, length), options) is { } login
                ? new LoginBody(login, null)
                : new LoginBody(null, RequestBodyProblems.NotJsonProblem(context));
        }
        catch (JsonException json)
        {
            return new LoginBody(null, RequestBodyProblems.FromJson(context, json));
        }
    }
}
