using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chaos.Simulators.Hosting;
using WireMock;
using WireMock.RequestBuilders;

namespace Chaos.Simulators.Identity;

/// <summary>
/// An OpenID-Connect-like identity provider on WireMock.Net: a discovery document, a JSON Web Key Set, and a token
/// endpoint that takes the password grant and issues RS256 JWTs signed with a key made for this instance.
/// Healthy by default; faults applied through <see cref="DependencySimulator.Faults"/>, malformed bodies through <see cref="ServeMalformed"/>.
/// </summary>
public sealed class IdentityProviderSimulator : DependencySimulator
{
    /// <summary>The route name of <c>GET /.well-known/openid-configuration</c>.</summary>
    public const string DiscoveryRoute = "discovery";

    /// <summary>The route name of <c>GET /.well-known/jwks.json</c>.</summary>
    public const string JwksRoute = "jwks";

    /// <summary>The route name of <c>POST /oauth/token</c>.</summary>
    public const string TokenRoute = "token";

    private readonly string _password;
    private readonly TimeSpan _tokenLifetime;
    private readonly Dictionary<string, string> _roles;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _malformed = new(StringComparer.Ordinal);
    private SigningKey _key;
    private int _malformedTokenAnswers;

    private IdentityProviderSimulator(IdentityProviderSimulatorOptions options)
        : base(options.Name, options)
    {
        Name = options.Name;
        _password = options.Password;
        _tokenLifetime = options.TokenLifetime;
        _roles = (options.Accounts ?? IdentityProviderSimulatorOptions.DefaultAccounts)
            .ToDictionary(a => a.Username, a => a.Role, StringComparer.OrdinalIgnoreCase);
        _key = SigningKey.Create();
        PublicUrl = options.PublicUrl is { } publicUrl ? new Uri(publicUrl.AbsoluteUri.TrimEnd('/') + "/") : BaseUrl;
        Issuer = options.Issuer ?? PublicUrl.AbsoluteUri.TrimEnd('/');
        Audience = options.Audience;

        Map(Request.Create().WithPath("/.well-known/openid-configuration").UsingGet(), DiscoveryRoute, Discovery);
        Map(Request.Create().WithPath("/.well-known/jwks.json").UsingGet(), JwksRoute, Jwks);
        Map(Request.Create().WithPath("/oauth/token").UsingPost(), TokenRoute, Token, r => ParseForm(r.Body).GetValueOrDefault("username"));
    }

    /// <summary>Gets the dependency name this simulator plays.</summary>
    public string Name { get; }

    /// <summary>Gets the URL the storefront reaches the provider by: <see cref="DependencySimulator.BaseUrl"/> unless a public URL was given.</summary>
    public Uri PublicUrl { get; }

    /// <summary>Gets the issuer (<c>iss</c>) of the tokens.</summary>
    public string Issuer { get; }

    /// <summary>Gets the audience (<c>aud</c>) of the tokens.</summary>
    public string Audience { get; }

    /// <summary>Gets the key id (<c>kid</c>) of the key that signs tokens now.</summary>
    public string KeyId
    {
        get
        {
            lock (_gate)
            {
                return _key.Id;
            }
        }
    }

    /// <summary>Gets the calls to the token endpoint so far, by outcome.</summary>
    public LoginCounts Logins
    {
        get
        {
            var calls = Journal.Calls.Where(c => c.Route == TokenRoute).ToList();
            var malformed = Volatile.Read(ref _malformedTokenAnswers);
            var faulted = calls.Count(c => c.Faulted || c.StatusCode >= 500);
            var issued = calls.Count(c => !c.Faulted && c.StatusCode == 200) - malformed;
            var rejected = calls.Count(c => !c.Faulted && c.StatusCode is >= 400 and < 500);
            return new LoginCounts(issued, rejected, faulted + malformed);
        }
    }

    /// <summary>Starts a simulator on loopback.</summary>
    public static IdentityProviderSimulator Start(IdentityProviderSimulatorOptions? options = null) => new(options ?? new IdentityProviderSimulatorOptions());

    /// <summary>
    /// Makes a route answer 200 with a body that is not what a client expects (truncated JSON, HTML, a token that is not a
    /// JWT), or restores it. Applies with the route's faults: a status fault still wins.
    /// </summary>
    /// <param name="route"><see cref="DiscoveryRoute"/>, <see cref="JwksRoute"/> or <see cref="TokenRoute"/>.</param>
    /// <param name="malformed"><see langword="true"/> to serve malformed bodies, <see langword="false"/> to serve well-formed ones.</param>
    public void ServeMalformed(string route, bool malformed = true)
    {
        if (route is not (DiscoveryRoute or JwksRoute or TokenRoute))
        {
            throw new ArgumentException($"Unknown route '{route}'; use {DiscoveryRoute}, {JwksRoute} or {TokenRoute}.", nameof(route));
        }

        lock (_gate)
        {
            _ = malformed ? _malformed.Add(route) : _malformed.Remove(route);
        }
    }

    /// <summary>
    /// Replaces the signing key with a new one, under a new key id. The JWKS then publishes only the new key, so tokens
    /// signed before no longer verify.
    /// </summary>
    public void RotateKeys()
    {
        var next = SigningKey.Create();
        SigningKey previous;
        lock (_gate)
        {
            previous = _key;
            _key = next;
        }

        // Tokens already signed are strings; the old key is no longer needed.
        previous.Rsa.Dispose();
    }

    /// <summary>Issues a genuine token, as the token endpoint would, without a call and without a journal entry.</summary>
    /// <param name="username">The subject (<c>sub</c>).</param>
    /// <param name="role">The <c>role</c> claim; see <see cref="IdentityRoles"/>.</param>
    /// <param name="lifetime">How long it is valid from now; negative for a token that has already expired. Null uses the configured lifetime.</param>
    /// <returns>The compact JWT.</returns>
    public string IssueToken(string username, string role, TimeSpan? lifetime = null)
    {
        var (issuedAt, expires) = Lifetime(lifetime ?? _tokenLifetime);
        lock (_gate)
        {
            return Sign(_key, "RS256", Claims(Issuer, Audience, username, role, issuedAt, expires));
        }
    }

    /// <summary>Makes a token the storefront must refuse: see <see cref="ForeignTokenKind"/>. Valid for an hour otherwise.</summary>
    /// <param name="username">The subject (<c>sub</c>).</param>
    /// <param name="role">The <c>role</c> claim.</param>
    /// <param name="kind">How the token differs from a genuine one.</param>
    /// <returns>The compact JWT.</returns>
    public string CreateForeignToken(string username, string role, ForeignTokenKind kind)
    {
        var (issuedAt, expires) = Lifetime(TimeSpan.FromHours(1));
        lock (_gate)
        {
            switch (kind)
            {
                case ForeignTokenKind.ForeignKey:
                    using (var foreign = RSA.Create(2048))
                    {
                        return Sign(new SigningKey(_key.Id, foreign), "RS256", Claims(Issuer, Audience, username, role, issuedAt, expires));
                    }

                case ForeignTokenKind.WrongIssuer:
                    return Sign(_key, "RS256", Claims("https://attacker.example.test", Audience, username, role, issuedAt, expires));

                case ForeignTokenKind.WrongAudience:
                    return Sign(_key, "RS256", Claims(Issuer, "another-app", username, role, issuedAt, expires));

                case ForeignTokenKind.Unsigned:
                    return Sign(_key, "none", Claims(Issuer, Audience, username, role, issuedAt, expires));

                case ForeignTokenKind.SymmetricWithPublicKey:
                    return Sign(_key, "HS256", Claims(Issuer, Audience, username, role, issuedAt, expires));

                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of foreign token.");
            }
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            lock (_gate)
            {
                _key.Rsa.Dispose();
            }
        }
    }

    private bool IsMalformed(string route)
    {
        lock (_gate)
        {
            return _malformed.Contains(route);
        }
    }

    private ResponseMessage Discovery(IRequestMessage request)
    {
        if (IsMalformed(DiscoveryRoute))
        {
            return SimulatorResponses.Create(200, "{\"issuer\":\"" + Issuer + "\",\"jwks_uri\":", "application/json");
        }

        return SimulatorResponses.Json(200, new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = new Uri(PublicUrl, ".well-known/jwks.json").AbsoluteUri,
            ["token_endpoint"] = new Uri(PublicUrl, "oauth/token").AbsoluteUri,
            ["grant_types_supported"] = new[] { "password" },
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
        });
    }

    private ResponseMessage Jwks(IRequestMessage request)
    {
        if (IsMalformed(JwksRoute))
        {
            return SimulatorResponses.Create(200, "<html><body>502 Bad Gateway</body></html>", "application/json");
        }

        RSAParameters parameters;
        string kid;
        lock (_gate)
        {
            parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
            kid = _key.Id;
        }

        return SimulatorResponses.Json(200, new
        {
            keys = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = kid,
                    ["n"] = Base64Url(parameters.Modulus!),
                    ["e"] = Base64Url(parameters.Exponent!),
                },
            },
        });
    }

    private ResponseMessage Token(IRequestMessage request)
    {
        var form = ParseForm(request.Body);
        if (form.GetValueOrDefault("grant_type") != "password")
        {
            return OAuthError(400, "unsupported_grant_type", "Only grant_type=password is supported.");
        }

        var username = form.GetValueOrDefault("username") ?? "";
        var password = form.GetValueOrDefault("password") ?? "";
        if (!_roles.TryGetValue(username, out var role)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(_password)))
        {
            return OAuthError(400, "invalid_grant", "The user name or password is incorrect.");
        }

        if (IsMalformed(TokenRoute))
        {
            Interlocked.Increment(ref _malformedTokenAnswers);
            return SimulatorResponses.Create(200, "{\"access_token\":\"not-a-jwt\",\"token_type\":", "application/json");
        }

        var token = IssueToken(username, role);
        return SimulatorResponses.Json(200, new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)_tokenLifetime.TotalSeconds,
        });
    }

    private static ResponseMessage OAuthError(int statusCode, string error, string description) =>
        SimulatorResponses.Json(statusCode, new Dictionary<string, string> { ["error"] = error, ["error_description"] = description });

    private (DateTimeOffset IssuedAt, DateTimeOffset Expires) Lifetime(TimeSpan lifetime)
    {
        var now = Time.GetUtcNow();
        var expires = now + lifetime;

        // An expired token was issued a full lifetime before it expired.
        var issuedAt = lifetime > TimeSpan.Zero ? now : expires - _tokenLifetime;
        return (issuedAt, expires);
    }

    private static Dictionary<string, object> Claims(string issuer, string audience, string subject, string role, DateTimeOffset issuedAt, DateTimeOffset expires) => new()
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["sub"] = subject,
        ["role"] = role,
        ["iat"] = issuedAt.ToUnixTimeSeconds(),
        ["nbf"] = issuedAt.ToUnixTimeSeconds(),
        ["exp"] = expires.ToUnixTimeSeconds(),
    };

    private static string Sign(SigningKey key, string algorithm, Dictionary<string, object> claims)
    {
        var header = new Dictionary<string, string> { ["alg"] = algorithm, ["typ"] = "JWT" };
        if (algorithm != "none")
        {
            header["kid"] = key.Id;
        }

        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = algorithm switch
        {
            "none" => "",
            "HS256" => Base64Url(HMACSHA256.HashData(Encoding.ASCII.GetBytes(Base64Url(key.Rsa.ExportParameters(false).Modulus!)), data)),
            _ => Base64Url(key.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
        };
        return signingInput + "." + signature;
    }

    private static Dictionary<string, string> ParseForm(string? body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            form[Decode(name)] = Decode(value);
        }

        return form;

        static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record SigningKey(string Id, RSA Rsa)
    {
        public static SigningKey Create()
        {
            var rsa = RSA.Create(2048);
            var modulus = rsa.ExportParameters(false).Modulus!;
            return new SigningKey(Base64Url(SHA256.HashData(modulus))[..16], rsa);
        }
    }
}
