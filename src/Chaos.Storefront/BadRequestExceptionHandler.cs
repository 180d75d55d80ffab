using Microsoft.AspNetCore.Diagnostics;

namespace Chaos.Storefront;

/// <summary>
/// Answers a request the framework could not bind (malformed JSON, a missing body) with 400 problem details that say
/// what was wrong, instead of an empty 400.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "Bad request",
                Detail = badRequest.InnerException is System.Text.Json.JsonException json
                    ? $"{badRequest.Message} {json.Message}"
                    : badRequest.Message,
            },
            Exception = exception,
        });
    }
}
