using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Auth;

/// <summary>Maps <c>POST /login</c>: a password grant at the identity provider, answered 200, 401 or 503 (never a hang).</summary>
internal static class LoginEndpoints
{
    /// <summary>The path of the login endpoint, also what the login rate limit applies to.</summary>
    public const string Path = "/login";

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, Login).WithTags("Auth").AllowAnonymous()
            .Accepts<LoginRequest>("application/json")
            .WithMetadata(new JsonBodyExample("""{"username": "customer-1@example.test", "password": "<password>"}"""));
        return endpoints;
    }

    private static async Task<Results<Ok<LoginResponse>, ValidationProblem, ProblemHttpResult>> Login(
        HttpContext context, IdentityTokenClient identity, IOptionsMonitor<IdentityProviderOptions> options, HttpResponse response)
    {
        // Not bound by the framework: the body read once by the rate limit, so what it counted is what signs in.
        var body = await LoginBody.ReadAsync(context);
        if (body.Problem is { } problem)
        {
            return TypedResults.Problem(problem);
        }

        var request = body.Request!;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Username))
        {
            errors["username"] = ["username is required, for example customer-1@example.test."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["password is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Not the request's token: the pipeline's timeouts bound the call, and a half-sent grant tells nobody anything.
        switch (await identity.RequestTokenAsync(request.Username!.Trim(), request.Password!, CancellationToken.None))
        {
            case TokenRequestResult.Issued issued:
                return TypedResults.Ok(new LoginResponse(issued.AccessToken, issued.ExpiresAt, issued.Role));

            case TokenRequestResult.InvalidCredentials:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials", detail: "The user name or password is incorrect.");

            default:
                return RetryAfterHeader.ServiceUnavailable(
                    response,
                    options.CurrentValue.RetryAfter,
                    title: "Sign-in unavailable",
                    detail: "Sign-in is temporarily unavailable; if you are signed in, stay signed in. Guest checkout works. Retry later.");
        }
    }
}
