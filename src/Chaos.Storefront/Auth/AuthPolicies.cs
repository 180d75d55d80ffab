namespace Chaos.Storefront.Auth;

/// <summary>The authorization policies: each requires a valid identity-provider token with one <c>role</c>.</summary>
internal static class AuthPolicies
{
    /// <summary>A merchant administrator: <c>/admin/*</c>.</summary>
    public const string Admin = "admin";

    /// <summary>A point-of-sale terminal: <c>/pos/*</c>.</summary>
    public const string Pos = "pos";

    /// <summary>The claim that carries the role.</summary>
    public const string RoleClaim = "role";
}
