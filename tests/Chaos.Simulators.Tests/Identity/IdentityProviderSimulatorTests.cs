using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Identity;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Identity;

public sealed class IdentityProviderSimulatorTests : IAsyncLifetime
{
    private IdentityProviderSimulator _identity = null!;
    private HttpClient _client = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _identity = IdentityProviderSimulator.Start();
        _client = new HttpClient { BaseAddress = _identity.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task Discovery_DefaultOptions_NamesTheIssuerTheKeySetAndTheTokenEndpointOnLoopback()
    {
        var discovery = await _client.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration", Cancellation);

        _identity.BaseUrl.Host.ShouldBe("127.0.0.1");
        discovery.GetProperty("issuer").GetString().ShouldBe(_identity.Issuer);
        discovery.GetProperty("jwks_uri").GetString().ShouldBe(new Uri(_identity.BaseUrl, ".well-known/jwks.json").AbsoluteUri);
        discovery.GetProperty("token_endpoint").GetString().ShouldBe(new Uri(_identity.BaseUrl, "oauth/token").AbsoluteUri);
        _identity.Journal.Calls.ShouldHaveSingleItem().Route.ShouldBe(IdentityProviderSimulator.DiscoveryRoute);
    }

    [Fact]
    public async Task Token_WithTheRightPassword_IssuesAnRs256JwtThatVerifiesWithThePublishedKeySet()
    {
        using var response = await RequestToken("admin@example.test", IdentityProviderSimulatorOptions.DefaultPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt64().ShouldBe(3600);
        var token = body.GetProperty("access_token").GetString()!;

        var (header, payload) = await VerifyAsync(token);
        header.GetProperty("alg").GetString().ShouldBe("RS256");
        header.GetProperty("kid").GetString().ShouldBe(_identity.KeyId);
        payload.GetProperty("iss").GetString().ShouldBe(_identity.Issuer);
        payload.GetProperty("aud").GetString().ShouldBe("storefront");
        payload.GetProperty("sub").GetString().ShouldBe("admin@example.test");
        payload.GetProperty("role").GetString().ShouldBe("admin");
        (payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64()).ShouldBe(3600);
        _identity.Logins.ShouldBe(new LoginCounts(Issued: 1, Rejected: 0, Faulted: 0));
    }

    [Theory]
    [InlineData("customer-1000@example.test", "customer")]
    [InlineData("POS-1@example.test", "pos")]
    public async Task Token_ForAnAccountOfTheDefaultDirectory_CarriesItsRole(string username, string role)
    {
        using var response = await RequestToken(username, IdentityProviderSimulatorOptions.DefaultPassword);

        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("access_token").GetString()!;
        (await VerifyAsync(token)).Payload.GetProperty("role").GetString().ShouldBe(role);
    }

    [Theory]
    [InlineData("admin@example.test", "guess")]
    [InlineData("customer-1001@example.test", IdentityProviderSimulatorOptions.DefaultPassword)]
    public async Task Token_WithBadCredentials_Answers400InvalidGrant(string username, string password)
    {
        using var response = await RequestToken(username, password);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("error").GetString().ShouldBe("invalid_grant");
        _identity.Logins.ShouldBe(new LoginCounts(Issued: 0, Rejected: 1, Faulted: 0));
    }

    [Fact]
    public async Task Faults_OnTheTokenRouteOnly_FailLoginsWhileDiscoveryAndKeysAreServed()
    {
        _identity.Faults.Apply(new FaultRule("login-path", IdentityProviderSimulator.TokenRoute, new FaultSpec { Kind = FaultKind.Status, StatusCode = 503, RetryAfter = TimeSpan.FromSeconds(30) }));

        using var token = await RequestToken("admin@example.test", IdentityProviderSimulatorOptions.DefaultPassword);
        using var keys = await _client.GetAsync(".well-known/jwks.json", Cancellation);
        using var discovery = await _client.GetAsync(".well-known/openid-configuration", Cancellation);

        token.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        token.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        keys.StatusCode.ShouldBe(HttpStatusCode.OK);
        discovery.StatusCode.ShouldBe(HttpStatusCode.OK);
        _identity.Logins.ShouldBe(new LoginCounts(Issued: 0, Rejected: 0, Faulted: 1));
        _identity.Journal.Calls.Where(c => c.Faulted).ShouldHaveSingleItem().Route.ShouldBe(IdentityProviderSimulator.TokenRoute);
    }

    [Fact]
    public async Task ServeMalformed_OnTheKeySet_AnswersABodyThatIsNotJson()
    {
        _identity.ServeMalformed(IdentityProviderSimulator.JwksRoute);

        using var keys = await _client.GetAsync(".well-known/jwks.json", Cancellation);

        keys.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await keys.Content.ReadAsStringAsync(Cancellation);
        Should.Throw<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task IssueToken_WithANegativeLifetime_MakesATokenThatHasExpiredButStillVerifies()
    {
        var token = _identity.IssueToken("admin@example.test", IdentityRoles.Admin, TimeSpan.FromMinutes(-10));

        var payload = (await VerifyAsync(token)).Payload;
        DateTimeOffset.FromUnixTimeSeconds(payload.GetProperty("exp").GetInt64()).ShouldBeLessThan(DateTimeOffset.UtcNow.AddMinutes(-9));
        _identity.Journal.Calls.Where(c => c.Route == IdentityProviderSimulator.TokenRoute).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(ForeignTokenKind.ForeignKey)]
    [InlineData(ForeignTokenKind.Unsigned)]
    [InlineData(ForeignTokenKind.SymmetricWithPublicKey)]
    public async Task CreateForeignToken_ThatIsNotSignedByThePublishedKey_DoesNotVerify(ForeignTokenKind kind)
    {
        var token = _identity.CreateForeignToken("admin@example.test", IdentityRoles.Admin, kind);

        (await VerifiesAsync(token)).ShouldBeFalse();
    }

    [Fact]
    public async Task RotateKeys_PublishesANewKeySoTokensSignedBeforeNoLongerVerify()
    {
        var before = _identity.IssueToken("admin@example.test", IdentityRoles.Admin);
        var oldKid = _identity.KeyId;

        _identity.RotateKeys();

        _identity.KeyId.ShouldNotBe(oldKid);
        (await VerifiesAsync(before)).ShouldBeFalse();
        (await VerifiesAsync(_identity.IssueToken("admin@example.test", IdentityRoles.Admin))).ShouldBeTrue();
    }

    private async Task<HttpResponseMessage> RequestToken(string username, string password)
    {
        using var form = new FormUrlEncodedContent([new("grant_type", "password"), new("username", username), new("password", password)]);
        return await _client.PostAsync("oauth/token", form, Cancellation);
    }

    private async Task<bool> VerifiesAsync(string token)
    {
        try
        {
            await VerifyAsync(token);
            return true;
        }
        catch (ShouldAssertException)
        {
            return false;
        }
    }

    /// <summary>Verifies an RS256 signature against the key of the JWKS with the token's kid, as a relying party would.</summary>
    private async Task<(JsonElement Header, JsonElement Payload)> VerifyAsync(string token)
    {
        var parts = token.Split('.');
        parts.Length.ShouldBe(3);
        var header = JsonDocument.Parse(Decode(parts[0])).RootElement;
        var payload = JsonDocument.Parse(Decode(parts[1])).RootElement;
        header.GetProperty("alg").GetString().ShouldBe("RS256");

        var keys = await _client.GetFromJsonAsync<JsonElement>(".well-known/jwks.json", Cancellation);
        var kid = header.GetProperty("kid").GetString();
        var jwk = keys.GetProperty("keys").EnumerateArray().SingleOrDefault(k => k.GetProperty("kid").GetString() == kid);
        jwk.ValueKind.ShouldBe(JsonValueKind.Object, $"no published key has kid {kid}");
        jwk.GetProperty("kty").GetString().ShouldBe("RSA");

        using var rsa = RSA.Create(new RSAParameters { Modulus = Decode(jwk.GetProperty("n").GetString()!), Exponent = Decode(jwk.GetProperty("e").GetString()!) });
        var verified = rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Decode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        verified.ShouldBeTrue("the signature does not verify with the published key");
        return (header, payload);
    }

    private static byte[] Decode(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
