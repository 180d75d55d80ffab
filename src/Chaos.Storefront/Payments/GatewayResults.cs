namespace Chaos.Storefront.Payments;

/// <summary>The body of <c>POST /v1/charges</c>.</summary>
/// <param name="OrderId">The order being charged.</param>
/// <param name="Amount">The amount in cents.</param>
/// <param name="Currency">The currency, for example <c>usd</c>.</param>
internal sealed record ChargeRequest(string OrderId, long Amount, string Currency);

/// <summary>A charge as a gateway returns it.</summary>
internal sealed record GatewayCharge(string? Id, string? OrderId, long Amount, string? Currency, string? Status, string? IdempotencyKey);
