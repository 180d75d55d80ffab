using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Chaos.Storefront;

/// <summary>
/// Answers a request the framework could not bind (malformed JSON, a duplicate property, a number sent as a string, a
/// missing body, another media type) with problem details that name the field and say how to fix it, instead of an
/// empty 400 or the framework's own message (which names parameters and types the client never sees).
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var expectsBody = RequestBodyProblems.ExampleOf(httpContext) is not null;
        var problem = badRequest switch
        {
            { InnerException: JsonException json } => RequestBodyProblems.FromJson(httpContext, json),
            { StatusCode: StatusCodes.Status415UnsupportedMediaType } => RequestBodyProblems.UnsupportedMediaTypeProblem(),
            { StatusCode: StatusCodes.Status413PayloadTooLarge } => RequestBodyProblems.TooLargeProblem(httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0),
            _ when expectsBody => RequestBodyProblems.NotJsonProblem(httpContext),
            _ => new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = badRequest.StatusCode, Title = "Bad request", Detail = RequestBodyProblems.BadPathOrQuery },
        };

        httpContext.Response.StatusCode = problem.Status ?? badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
