using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Chaos.Targets.Storefront;

/// <summary>
/// Bearer credentials that must never open admin or POS: each is made from a real token of a lower role (so issuer,
/// audience and key id look right) and broken in one way. Written by hand (a JWT is three base64url parts) to keep the
/// engine free of token libraries; it only ever forges, never validates.
/// </summary>
public static class ForgedTokens
{
    /// <summary>The credential kinds the access probe cycles through, by the name the access ledger records.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["none", "garbage", "unsigned", "foreignKey", "tampered", "wrongRole"];

    /// <summary>Makes the bearer token of a credential kind, or null for <c>none</c> (no Authorization header).</summary>
    /// <param name="kind">One of <see cref="Kinds"/>.</param>
    /// <param name="customerToken">A real token the identity provider issued to a customer.</param>
    /// <param name="foreignKey">A key the identity provider never published.</param>
    /// <param name="role">The role the forged token claims (<c>admin</c> or <c>pos</c>).</param>
    public static string? Make(string kind, string customerToken, RSA foreignKey, string role)
    {
        ArgumentNullException.ThrowIfNull(customerToken);
        ArgumentNullException.ThrowIfNull(foreignKey);
        var parts = customerToken.Split('.');
        if (parts.Length != 3)
        {
            throw new ArgumentException("The customer token is not a JWT (three dot-separated parts).", nameof(customerToken));
        }

        return kind switch
        {
            "none" => null,
            "garbage" => "not-a-token",
            "unsigned" => Encode(Header(parts[0], "none")) + "." + Encode(Elevated(parts[1], role)) + ".",
            "foreignKey" => Sign(Header(parts[0], "RS256"), Elevated(parts[1], role), foreignKey),
            "tampered" => parts[0] + "." + Encode(Elevated(parts[1], role)) + "." + parts[2],
            "wrongRole" => customerToken,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Use one of: {string.Join(", ", Kinds)}."),
        };
    }

    private static JsonObject Header(string encoded, string algorithm)
    {
        var header = Decode(encoded);
        header["alg"] = algorithm;
        return header;
    }

    private static JsonObject Elevated(string encoded, string role)
    {
        var payload = Decode(encoded);
        payload["role"] = role;
        return payload;
    }

    private static string Sign(JsonObject header, JsonObject payload, RSA key)
    {
        var signed = Encode(header) + "." + Encode(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    private static JsonObject Decode(string encoded) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(encoded)) as JsonObject
        ?? throw new ArgumentException("A JWT part is not a JSON object.", nameof(encoded));

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
