using System.Text.Json.Serialization;

namespace Chaos.Targets.Storefront;

/// <summary>An order as the storefront's admin API lists it.</summary>
public sealed record StorefrontOrder(
    string OrderId,
    string Status,
    long Amount,
    string? Gateway,
    string? ChargeId,
    [property: JsonPropertyName("createdAt")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("paidAt")] DateTimeOffset? PaidAt)
{
    /// <summary>Gets the sum of the order's lines in cents, or null from a storefront that does not report it.</summary>
    public long? Subtotal { get; init; }

    /// <summary>Gets the order's own lines (copied from the cart at checkout), or null from a storefront that does not report them.</summary>
    public IReadOnlyList<StorefrontOrderLine>? Lines { get; init; }
}
