using Chaos.Storefront.Resilience;
using Polly;

namespace Chaos.Storefront.Auth;

/// <summary>
/// Options of sign-in: where the identity provider is, how its tokens are validated locally, how its token endpoint is
/// called, and how <c>POST /login</c> is rate limited.
/// </summary>
internal sealed record IdentityProviderOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Identity";

    /// <summary>
    /// Gets the identity provider's base URL. Its discovery document is <c>{Authority}.well-known/openid-configuration</c>
    /// and its token endpoint <c>{Authority}oauth/token</c>.
    /// </summary>
    public Uri? Authority { get; init; }

    /// <summary>Gets the audience (<c>aud</c>) a token must carry.</summary>
    /// <value>Defaults to <c>storefront</c>.</value>
    public string Audience { get; init; } = "storefront";

    /// <summary>Gets the issuer (<c>iss</c>) a token must carry; empty takes it from the discovery document.</summary>
    /// <value>Defaults to empty.</value>
    public string Issuer { get; init; } = "";

    /// <summary>Gets the tolerance on a token's expiry and not-before times.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the timeout of a fetch of the discovery document or the signing keys.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan MetadataTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets the least time between two fetches of the signing keys asked for by a token whose key id is unknown (a key
    /// rotation). Keys last fetched stay in use whatever a fetch returns.
    /// </summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the delay sent in <c>Retry-After</c> when login answers 503.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets the resilience pipeline of the token endpoint call. While its circuit is open, logins answer 503 at once.
    /// </summary>
    /// <value>
    /// Defaults to a 1 second attempt within 2 seconds, one retry after 50 milliseconds, and a breaker that opens for 5
    /// seconds when half of at least 5 calls in 5 seconds fail: a login never waits longer than about one attempt.
    /// </value>
    public DependencyResilienceOptions Resilience { get; init; } = new();

    /// <summary>Gets the rate limits of <c>POST /login</c>.</summary>
    public LoginRateLimitOptions LoginRateLimit { get; init; } = new();

    /// <summary>
    /// Gets what the token endpoint call retries: a quick failure (5xx, 408, connection refused), at most once, with a
    /// constant delay. An attempt that timed out is not retried: a slow identity provider gets no second copy of the load.
    /// </summary>
    internal static DependencyRetryRule RetryRule { get; } = new(
        outcome => outcome switch
        {
            { Exception: HttpRequestException } => true,
            { Result: { } response } => DependencyRetryRule.IsServerFailure(response),
            _ => false,
        },
        DelayBackoffType.Constant)
    {
        AtMostOnceBecause = "a password grant is retried at most once",
    };

    internal Uri AuthorityWithSlash =>
        Authority!.AbsoluteUri.EndsWith('/') ? Authority : new Uri(Authority.AbsoluteUri + "/");
}
