namespace Chaos.Engine.Faults;

/// <summary>A charge a payment gateway created.</summary>
public sealed record ChargeRecord(string ChargeId, string OrderId, string? IdempotencyKey, long Amount, DateTimeOffset At);
