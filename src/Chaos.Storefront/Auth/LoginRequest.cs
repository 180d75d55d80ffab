namespace Chaos.Storefront.Auth;

/// <summary>The body of <c>POST /login</c>.</summary>
/// <param name="Username">The account's user name, an email address.</param>
/// <param name="Password">The account's password.</param>
internal sealed record LoginRequest(string? Username, string? Password);

/// <summary>The answer to a successful <c>POST /login</c>.</summary>
/// <param name="AccessToken">The identity provider's JWT: send it as <c>Authorization: Bearer …</c>.</param>
/// <param name="ExpiresAt">When the token expires.</param>
/// <param name="Role"><c>customer</c>, <c>admin</c> or <c>pos</c>.</param>
internal sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, string Role);
