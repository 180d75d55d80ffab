namespace Chaos.Engine.Scenarios;

/// <summary>
/// The reference storefront's names, defined once: its journeys, its simulated dependencies with their routes, the pool of
/// fulfillment hosts and the tags a host cohort selects on. A scenario without <c>system:</c> is checked against them;
/// the storefront's journeys, simulators and reconciler name things by these constants.
/// </summary>
public sealed class StorefrontVocabulary : ITargetVocabulary
{
    /// <summary>The primary payment gateway, tried first for every order.</summary>
    public const string PaymentsPrimaryDependency = "payments.primary";

    /// <summary>The secondary payment gateway, which checkout fails over to.</summary>
    public const string PaymentsSecondaryDependency = "payments.secondary";

    /// <summary>The identity provider that issues the storefront's tokens.</summary>
    public const string IdentityDependency = "identity";

    /// <summary>The pool of fulfillment hosts; each host is the dependency <c>fulfillment.&lt;host&gt;</c>.</summary>
    public const string FulfillmentPool = "fulfillment";

    /// <summary>The tax service checkout asks for a quote.</summary>
    public const string TaxDependency = "tax";

    /// <summary>The journey that lists products and views one.</summary>
    public const string BrowseJourney = "browse";

    /// <summary>The journey that creates a cart and adds an item.</summary>
    public const string AddToCartJourney = "addToCart";

    /// <summary>The journey that fills a cart and checks it out.</summary>
    public const string CheckoutJourney = "checkout";

    /// <summary>The journey that reads an order's status and delivery estimate.</summary>
    public const string TrackOrderJourney = "trackOrder";

    /// <summary>The journey of a new admin or POS sign-in.</summary>
    public const string StaffLoginJourney = "staffLogin";

    /// <summary>The journey of an admin or POS session whose token was issued before the load.</summary>
    public const string StaffSessionJourney = "staffSession";

    /// <summary>The journey that asks admin and POS with forged, foreign or missing credentials.</summary>
    public const string AdminProbeJourney = "adminProbe";

    /// <summary>The journey of a credential-stuffing attempt.</summary>
    public const string CredentialStuffingJourney = "credentialStuffing";

    /// <summary>The journey that checks a cart out and then tries to change it.</summary>
    public const string CartTamperJourney = "cartTamper";

    private static readonly string[] PaymentRoutes = ["charges", "lookup", "capture"];

    private static readonly (string Name, string[] Routes)[] DependencyRoutes =
    [
        (PaymentsPrimaryDependency, PaymentRoutes),
        (PaymentsSecondaryDependency, PaymentRoutes),
        (IdentityDependency, ["discovery", "jwks", "token"]),
        (FulfillmentPool, ["shipments", "lookup"]),
        (TaxDependency, ["quotes"]),
    ];

    /// <summary>Gets the pools: dependencies made of several hosts, each host a dependency <c>&lt;pool&gt;.&lt;host&gt;</c>.</summary>
    public static IReadOnlyList<string> Pools { get; } = [FulfillmentPool];

    /// <summary>The host tag naming the fulfillment centre a host ships for (<c>primary</c> or <c>backup</c>).</summary>
    public const string CentreTag = "centre";

    /// <summary>The fulfillment centre the simulated pool's main hosts ship for, the storefront's preferred one.</summary>
    public const string PrimaryCentre = "primary";

    /// <summary>The fulfillment centre of the simulated backup hosts, stocked with the critical inventory only.</summary>
    public const string BackupCentre = "backup";

    /// <summary>
    /// Gets the tags the simulated fulfillment hosts carry, with their values: a host cohort selects on them
    /// (<c>hosts: { tags: { os: windows } }</c>, <c>hosts: { tags: { centre: primary } }</c>). A value no host carries
    /// would select no host, so it is an error.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> HostTagValues { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["os"] = ["windows", "linux"],
            [CentreTag] = [PrimaryCentre, BackupCentre],
        };

    /// <summary>Gets the tag keys a host cohort may select on.</summary>
    public static IReadOnlyList<string> HostTags { get; } = [.. HostTagValues.Keys];

    /// <summary>Gets the journeys the load engine can run, in the order messages list them.</summary>
    public static IReadOnlyList<string> Journeys { get; } =
    [
        BrowseJourney, AddToCartJourney, CheckoutJourney, TrackOrderJourney, StaffLoginJourney, StaffSessionJourney, AdminProbeJourney,
        CredentialStuffingJourney, CartTamperJourney,
    ];

    /// <summary>Gets the dependencies a fault can target, in the order messages list them.</summary>
    public static IReadOnlyList<string> Dependencies { get; } = [.. DependencyRoutes.Select(d => d.Name)];

    private StorefrontVocabulary()
    {
    }

    /// <summary>Gets the one instance, as the loader checks a scenario against it.</summary>
    internal static StorefrontVocabulary Instance { get; } = new();

    IReadOnlyList<string> ITargetVocabulary.Journeys => Journeys;

    IReadOnlyList<string> ITargetVocabulary.DependencyForms => DependencyForms;

    IReadOnlyList<string> ITargetVocabulary.Pools => Pools;

    IReadOnlyList<string> ITargetVocabulary.HostTags => HostTags;

    IReadOnlyDictionary<string, IReadOnlyList<string>> ITargetVocabulary.HostTagValues => HostTagValues;

    bool ITargetVocabulary.IsDependency(string dependency) => IsDependency(dependency);

    bool ITargetVocabulary.IsPool(string dependency) => IsPool(dependency);

    IReadOnlyList<string> ITargetVocabulary.RoutesOf(string dependency) => RoutesOf(dependency);

    /// <summary>Gets the routes of a dependency a fault can be limited to; empty for an unknown dependency.</summary>
    /// <param name="dependency">The dependency, for example <c>payments.primary</c> or <c>fulfillment.fc-win-1</c>.</param>
    public static IReadOnlyList<string> RoutesOf(string dependency)
    {
        var named = PoolOf(dependency) ?? dependency;
        foreach (var (name, routes) in DependencyRoutes)
        {
            if (name == named)
            {
                return routes;
            }
        }

        return [];
    }

    /// <summary>Gets whether a dependency is a pool of hosts (a fault on it may select a cohort).</summary>
    public static bool IsPool(string dependency) => Pools.Contains(dependency);

    /// <summary>Gets the pool a single host belongs to (<c>fulfillment</c> for <c>fulfillment.fc-win-1</c>), or null.</summary>
    public static string? PoolOf(string dependency)
    {
        foreach (var pool in Pools)
        {
            if (dependency.Length > pool.Length + 1 && dependency.StartsWith(pool + ".", StringComparison.Ordinal)
                && IsHostName(dependency[(pool.Length + 1)..]))
            {
                return pool;
            }
        }

        return null;
    }

    /// <summary>
    /// Gets whether a fault or an expectation can name this dependency: one of <see cref="Dependencies"/>, or a single
    /// host of a pool, <c>&lt;pool&gt;.&lt;host&gt;</c> (host names are lower-case letters, digits and hyphens).
    /// </summary>
    public static bool IsDependency(string dependency) => Dependencies.Contains(dependency) || PoolOf(dependency) is not null;

    /// <summary>Gets the dependency names for messages: the named ones, then <c>&lt;pool&gt;.&lt;host&gt;</c> per pool.</summary>
    public static IReadOnlyList<string> DependencyForms { get; } = [.. Dependencies, .. Pools.Select(p => p + ".<host>")];

    private static bool IsHostName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && name[0] != '-' && name[^1] != '-';
}
