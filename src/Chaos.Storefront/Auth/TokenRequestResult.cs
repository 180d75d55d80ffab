namespace Chaos.Storefront.Auth;

/// <summary>How a password grant at the identity provider ended.</summary>
internal abstract record TokenRequestResult
{
    private TokenRequestResult()
    {
    }

    /// <summary>A token was issued and is readable.</summary>
    /// <param name="AccessToken">The compact JWT.</param>
    /// <param name="ExpiresAt">Its expiry.</param>
    /// <param name="Role">Its <c>role</c> claim.</param>
    public sealed record Issued(string AccessToken, DateTimeOffset ExpiresAt, string Role) : TokenRequestResult;

    /// <summary>The identity provider refused the credentials (<c>invalid_grant</c>).</summary>
    public sealed record InvalidCredentials : TokenRequestResult;

    /// <summary>No usable answer: 5xx, a timeout, an open circuit, a connection error or a body that is not a token.</summary>
    /// <param name="Reason">Why, for the log.</param>
    public sealed record Unavailable(string Reason) : TokenRequestResult;
}
