using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Chaos.Storefront;

/// <summary>
/// The storefront's limits on a request's URL and headers, answered with problem details (414, 431) that name the limit.
/// </summary>
/// <remarks>
/// Kestrel refuses a request over its own limits before any middleware runs, with an empty body that no status code
/// page can fill. So Kestrel's limits are set to twice the storefront's, and the first middleware enforces the
/// storefront's: a request over them gets problem details; one over Kestrel's (twice as large) still gets Kestrel's
/// empty 414 or 431. The limits are Kestrel's defaults, so what is accepted did not change.
/// </remarks>
internal static class RequestLimits
{
    /// <summary>The longest request target (path and query, as sent) served, in bytes: Kestrel's default request line.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>The most bytes of header names and values served: Kestrel's default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>The most header fields served: Kestrel's default.</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>Sets Kestrel's own limits to twice the storefront's, so the storefront's answer first.</summary>
    public static void RaiseKestrelLimits(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestLineSize = 2 * MaxTargetBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
        kestrel.Limits.MaxRequestHeaderCount = 2 * MaxHeaderCount;
    }

    /// <summary>Refuses a request over the limits with problem details. Call first.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
            if (target.Length > MaxTargetBytes)
            {
                await RefuseAsync(
                    context,
                    StatusCodes.Status414UriTooLong,
                    "Request URL too long",
                    $"The request URL (path and query) is longer than {MaxTargetBytes.ToString(CultureInfo.InvariantCulture)} bytes; send long values in a JSON body instead.");
                return;
            }

            var count = 0;
            var bytes = 0;
            foreach (var (name, values) in context.Request.Headers)
            {
                foreach (var value in values)
                {
                    count++;
                    bytes += name.Length + (value?.Length ?? 0);
                }
            }

            if (count > MaxHeaderCount || bytes > MaxHeaderBytes)
            {
                await RefuseAsync(
                    context,
                    StatusCodes.Status431RequestHeaderFieldsTooLarge,
                    "Request headers too large",
                    $"The request's headers are larger than {MaxHeaderBytes.ToString(CultureInfo.InvariantCulture)} bytes in all or more than {MaxHeaderCount.ToString(CultureInfo.InvariantCulture)} in number; send fewer or smaller headers (cookies included).");
                return;
            }

            await next(context);
        });
        return app;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
