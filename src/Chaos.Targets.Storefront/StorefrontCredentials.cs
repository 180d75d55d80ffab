using System.Net.Http.Headers;

namespace Chaos.Targets.Storefront;

/// <summary>
/// How the harness authenticates to the storefront's <c>/admin/*</c> endpoints (for reconciliation). The one place
/// that knows the scheme: an identity-provider token with the <c>admin</c> role sent as <c>Authorization: Bearer</c>,
/// or the older <c>X-Admin-Key</c> header.
/// </summary>
public sealed record StorefrontCredentials
{
    private StorefrontCredentials(string header, string value, string description)
    {
        Header = header;
        Value = value;
        Description = description;
    }

    /// <summary>Gets the request header that carries the credential.</summary>
    public string Header { get; }

    /// <summary>Gets the header's value.</summary>
    public string Value { get; }

    /// <summary>Gets what the credential is, without its secret, for messages.</summary>
    public string Description { get; }

    /// <summary>An admin token (a JWT with the <c>admin</c> role), sent as <c>Authorization: Bearer</c>.</summary>
    public static StorefrontCredentials AdminToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new("Authorization", "Bearer " + token, "an admin bearer token");
    }

    /// <summary>An admin key, sent as <c>X-Admin-Key</c>.</summary>
    public static StorefrontCredentials AdminKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new("X-Admin-Key", key, "an X-Admin-Key");
    }

    /// <summary>Adds the credential to every request of a client.</summary>
    public void ApplyTo(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Remove(Header);
        headers.TryAddWithoutValidation(Header, Value);
    }

    /// <inheritdoc />
    public override string ToString() => Description;
}
