using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chaos.Targets.Storefront;
using Shouldly;
using Xunit;

namespace Chaos.Targets.Storefront.Tests;

/// <summary>The credentials the access probe sends: each claims a staff role and is broken in exactly one way.</summary>
public sealed class ForgedTokensTests
{
    private static readonly RSA IssuerKey = RSA.Create(2048);
    private static readonly RSA ForeignKey = RSA.Create(2048);
    private static readonly string Customer = Issue(IssuerKey, """{"alg":"RS256","typ":"JWT","kid":"k1"}""", """{"iss":"http://idp","aud":"storefront","sub":"c@example.test","role":"customer","exp":4102444800}""");

    [Fact]
    public void Make_None_SendsNoToken() => ForgedTokens.Make("none", Customer, ForeignKey, "admin").ShouldBeNull();

    [Fact]
    public void Make_Unsigned_ClaimsTheRoleWithAlgNoneAndNoSignature()
    {
        var token = ForgedTokens.Make("unsigned", Customer, ForeignKey, "admin")!;

        var parts = token.Split('.');
        parts[2].ShouldBeEmpty();
        Part(parts[0]).GetProperty("alg").GetString().ShouldBe("none");
        Part(parts[0]).GetProperty("kid").GetString().ShouldBe("k1");
        Part(parts[1]).GetProperty("role").GetString().ShouldBe("admin");
        Part(parts[1]).GetProperty("iss").GetString().ShouldBe("http://idp");
    }

    [Fact]
    public void Make_ForeignKey_IsSignedByTheForeignKeyNotTheIssuers()
    {
        var parts = ForgedTokens.Make("foreignKey", Customer, ForeignKey, "pos")!.Split('.');

        Verifies(ForeignKey, parts).ShouldBeTrue();
        Verifies(IssuerKey, parts).ShouldBeFalse();
        Part(parts[1]).GetProperty("role").GetString().ShouldBe("pos");
    }

    [Fact]
    public void Make_Tampered_KeepsTheIssuersSignatureOverADifferentPayload()
    {
        var original = Customer.Split('.');
        var parts = ForgedTokens.Make("tampered", Customer, ForeignKey, "admin")!.Split('.');

        parts[2].ShouldBe(original[2]);
        parts[1].ShouldNotBe(original[1]);
        Verifies(IssuerKey, parts).ShouldBeFalse();
        Verifies(IssuerKey, original).ShouldBeTrue();
    }

    [Fact]
    public void Make_WrongRole_IsTheGenuineCustomerToken() => ForgedTokens.Make("wrongRole", Customer, ForeignKey, "admin").ShouldBe(Customer);

    [Fact]
    public void Make_UnknownKind_NamesTheKinds() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ForgedTokens.Make("expired", Customer, ForeignKey, "admin")).Message.ShouldContain("foreignKey");

    private static JsonElement Part(string encoded) => JsonDocument.Parse(Base64Url.DecodeFromChars(encoded)).RootElement;

    private static bool Verifies(RSA key, string[] parts) =>
        key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private static string Issue(RSA key, string header, string payload)
    {
        var signed = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        return signed + "." + Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
