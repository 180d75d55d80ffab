namespace Chaos.Simulators.Identity;

/// <summary>Options of an <see cref="IdentityProviderSimulator"/>.</summary>
public sealed record IdentityProviderSimulatorOptions : DependencySimulatorOptions
{
    /// <summary>The password of every account in the default directory.</summary>
    public const string DefaultPassword = "peak-day-2026";

    /// <summary>Gets the dependency name the simulator plays.</summary>
    /// <value>Defaults to <c>identity</c>.</value>
    public string Name { get; init; } = SimulatorSet.IdentityName;

    /// <summary>
    /// Gets the URL the storefront reaches the provider by, when it differs from the one it listens on (in a
    /// container it listens on <c>0.0.0.0</c> and is reached by service name). The issuer and the discovery
    /// document's URLs are built from it.
    /// </summary>
    /// <value>Defaults to null: the URL it listens on.</value>
    public Uri? PublicUrl { get; init; }

    /// <summary>Gets the issuer (<c>iss</c>) of the tokens; null uses the simulator's base URL without its trailing slash.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Issuer { get; init; }

    /// <summary>Gets the audience (<c>aud</c>) of the tokens.</summary>
    /// <value>Defaults to <c>storefront</c>.</value>
    public string Audience { get; init; } = "storefront";

    /// <summary>Gets how long a token issued by the token endpoint is valid.</summary>
    /// <value>Defaults to 1 hour.</value>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets the password of every account.</summary>
    /// <value>Defaults to <c>peak-day-2026</c>.</value>
    public string Password { get; init; } = DefaultPassword;

    /// <summary>
    /// Gets the account directory; null uses <see cref="DefaultAccounts"/>: <c>customer-1..1000@example.test</c>,
    /// <c>admin@example.test</c>, <c>admin-1..50@example.test</c> and <c>pos-1..200@example.test</c>.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public IReadOnlyList<IdentityAccount>? Accounts { get; init; }

    /// <summary>
    /// Gets the default directory: 1,000 customers, the harness's admin, 50 more admins and 200 point-of-sale
    /// terminals (enough staff that staff-login journeys stay under the storefront's per-account login limit).
    /// </summary>
    public static IReadOnlyList<IdentityAccount> DefaultAccounts { get; } =
    [
        .. Enumerable.Range(1, 1000).Select(i => new IdentityAccount($"customer-{i}@example.test", IdentityRoles.Customer)),
        new IdentityAccount("admin@example.test", IdentityRoles.Admin),
        .. Enumerable.Range(1, 50).Select(i => new IdentityAccount($"admin-{i}@example.test", IdentityRoles.Admin)),
        .. Enumerable.Range(1, 200).Select(i => new IdentityAccount($"pos-{i}@example.test", IdentityRoles.Pos)),
    ];
}

/// <summary>An account in the simulated directory.</summary>
/// <param name="Username">The user name, an email address; compared without regard to case.</param>
/// <param name="Role">The <c>role</c> claim of its tokens: see <see cref="IdentityRoles"/>.</param>
public sealed record IdentityAccount(string Username, string Role);

/// <summary>The roles the simulated directory knows.</summary>
public static class IdentityRoles
{
    /// <summary>A shopper.</summary>
    public const string Customer = "customer";

    /// <summary>A merchant administrator.</summary>
    public const string Admin = "admin";

    /// <summary>A point-of-sale terminal in a shop.</summary>
    public const string Pos = "pos";
}
