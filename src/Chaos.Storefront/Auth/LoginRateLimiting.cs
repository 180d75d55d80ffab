using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Auth;

/// <summary>
/// The rate limits of <c>POST /login</c> on the built-in rate limiter: a fixed window per account and one per client IP
/// address, chained, so a credential-stuffing wave is refused with 429 before it reaches the identity provider.
/// </summary>
internal static class LoginRateLimiting
{
    // A body that names no account (malformed, too large, no username) is limited as an account of its own.
    private const string NoAccount = "(none)";

    public static IServiceCollection AddLoginRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<IdentityProviderOptions>>((limiter, identity) =>
            {
                var limits = identity.Value.LoginRateLimit;
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                    PartitionedRateLimiter.Create<HttpContext, string>(context => IsLogin(context)
                        ? RateLimitPartition.GetFixedWindowLimiter("client:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => Window(limits.PermitsPerClient, limits.Window))
                        : RateLimitPartition.GetNoLimiter("")),
                    PartitionedRateLimiter.Create<HttpContext, string>(context => IsLogin(context)
                        ? RateLimitPartition.GetFixedWindowLimiter("account:" + (context.Features.Get<LoginBody>()?.Account ?? NoAccount), _ => Window(limits.PermitsPerAccount, limits.Window))
                        : RateLimitPartition.GetNoLimiter("")));
                limiter.OnRejected = OnRejectedAsync;
            });
        return services;
    }

    /// <summary>
    /// Reads the login body (once: the endpoint signs in what the limit counted), then applies the rate limits. Call after
    /// routing, before the endpoints.
    /// </summary>
    public static IApplicationBuilder UseLoginRateLimiting(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (IsLogin(context))
            {
                await LoginBody.ReadAsync(context);
            }

            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static bool IsLogin(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(LoginEndpoints.Path, StringComparison.OrdinalIgnoreCase);

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var identity = context.RequestServices.GetRequiredService<IOptionsMonitor<IdentityProviderOptions>>().CurrentValue;
        context.RequestServices.GetRequiredService<LoginMetrics>().RecordRateLimited();

        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : identity.LoginRateLimit.Window;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = RetryAfterHeader.Value(retryAfter);
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many login attempts",
                detail: "Too many login attempts for this account or from this address; retry after the delay in Retry-After.")
            .ExecuteAsync(context);
    }
}
