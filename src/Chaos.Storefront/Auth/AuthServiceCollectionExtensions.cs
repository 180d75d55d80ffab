using Chaos.Storefront.Resilience;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Chaos.Storefront.Auth;

/// <summary>
/// Registers sign-in: local validation of the identity provider's JWTs with cached signing keys, the <c>admin</c> and
/// <c>pos</c> policies, the token endpoint client and its resilience pipeline, and the login rate limits.
/// </summary>
internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddStorefrontAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IdentityProviderOptions, IdentityProviderOptionsValidator>(configuration, IdentityProviderOptions.SectionName);

        services.AddSingleton<IdentityCircuit>();
        services.AddSingleton<LoginMetrics>();
        services.AddSingleton<IdentityTokenClient>();
        services.AddHostedService<SigningKeyWarmup>();
        services.AddHttpClient(IdentityTokenClient.HttpClientName).AddDependencyResilience<IdentityProviderOptions>(
            identity => identity.Authority,
            identity => identity.Resilience,
            provider => provider.GetRequiredService<IdentityCircuit>(),
            IdentityProviderOptions.RetryRule,
            "logins answer 503");

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
}
