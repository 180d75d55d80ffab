using Chaos.Storefront.Resilience;
using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Polly;

namespace Chaos.Storefront.Auth;

/// <summary>
/// Registers sign-in: local validation of the identity provider's JWTs with cached signing keys, the <c>admin</c> and
/// <c>pos</c> policies, the token endpoint client and its resilience pipeline, and the login rate limits.
/// </summary>
internal static partial class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddStorefrontAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<IdentityProviderOptions, IdentityProviderOptionsValidator>()
            .Bind(configuration.GetSection(IdentityProviderOptions.SectionName));

        services.AddSingleton<IdentityCircuit>();
        services.AddSingleton<LoginMetrics>();
        services.AddSingleton<IdentityTokenClient>();
        services.AddHostedService<SigningKeyWarmup>();
        AddTokenClient(services);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<IdentityProviderOptions>>((jwt, identity) => ConfigureJwtBearer(jwt, identity.Value));

        // Runs after JwtBearer's own post-configuration, which creates the configuration manager. Trust exactly the keys
        // the identity provider publishes now: a key it retired is refused once the new set is fetched, not an hour later.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            if (jwt.ConfigurationManager is BaseConfigurationManager manager)
            {
                manager.UseLastKnownGoodConfiguration = false;
            }
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Admin, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(AuthPolicies.RoleClaim, "admin"))
            .AddPolicy(AuthPolicies.Pos, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(AuthPolicies.RoleClaim, "pos"));

        services.AddLoginRateLimiting();
        return services;
    }

    /// <summary>Authenticates, authorizes and rate limits logins. Call before the endpoints are mapped.</summary>
    public static IApplicationBuilder UseStorefrontAuth(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app.UseLoginRateLimiting();
    }

    private static void ConfigureJwtBearer(JwtBearerOptions jwt, IdentityProviderOptions identity)
    {
        if (identity.Authority is null)
        {
            // Start-up validation reports it; without an authority no token validates.
            return;
        }

        var authority = identity.AuthorityWithSlash;
        jwt.MetadataAddress = new Uri(authority, ".well-known/openid-configuration").AbsoluteUri;
        jwt.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
        jwt.BackchannelTimeout = identity.MetadataTimeout;
        jwt.RefreshInterval = identity.KeyRefreshInterval;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.MapInboundClaims = false;
        jwt.Audience = identity.Audience;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = identity.Issuer.Length > 0 ? identity.Issuer : null,
            ValidateAudience = true,
            ValidAudience = identity.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = identity.ClockSkew,
            NameClaimType = "sub",
            RoleClaimType = AuthPolicies.RoleClaim,
        };
    }

    private static void AddTokenClient(IServiceCollection services)
    {
        // Options are read when the client is first created, not now: a host adds configuration up to Build().
        var client = services.AddHttpClient(IdentityTokenClient.HttpClientName);
        client.ConfigureHttpClient((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<IdentityProviderOptions>>().Value;
            if (options.Authority is not null)
            {
                http.BaseAddress = options.AuthorityWithSlash;
            }

            // The pipeline's total timeout governs.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.AddResilienceHandler("pipeline", (builder, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<IdentityProviderOptions>>().Value.Resilience;
            var circuit = context.ServiceProvider.GetRequiredService<IdentityCircuit>();
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthServiceCollectionExtensions).FullName!);

            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total-timeout", Timeout = settings.TotalTimeout });

            if (settings.Retry.MaxRetryAttempts > 0)
            {
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    Name = "retry",
                    MaxRetryAttempts = settings.Retry.MaxRetryAttempts,
                    Delay = settings.Retry.Delay,
                    BackoffType = DelayBackoffType.Constant,
                    UseJitter = true,
                    ShouldRetryAfterHeader = false,

                    // Not an attempt that timed out: a slow identity provider gets no second copy of the load.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException } => true,
                        { Result: { } response } => response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
                        _ => false,
                    }),
                });
            }

            builder.AddDependencyCircuitBreaker(
                circuit,
                settings.CircuitBreaker.FailureRatio,
                settings.CircuitBreaker.MinimumThroughput,
                settings.CircuitBreaker.SamplingDuration,
                settings.CircuitBreaker.BreakDuration,
                logger,
                "logins answer 503");

            builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = settings.AttemptTimeout });
        });
    }
}
