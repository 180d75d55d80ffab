namespace Chaos.Targets.Storefront;

/// <summary>The storefront's <c>GET /status</c> answer.</summary>
public sealed record StorefrontStatus(IReadOnlyList<DependencyStatus> Dependencies, StorefrontBacklogs Backlogs, IReadOnlyList<string>? Notices)
{
    /// <summary>Gets the fulfillment counters, or null from a storefront that does not report them.</summary>
    public StorefrontFulfillment? Fulfillment { get; init; }
}
