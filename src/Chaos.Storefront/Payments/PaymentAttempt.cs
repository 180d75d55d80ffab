namespace Chaos.Storefront.Payments;

/// <summary>One call to a gateway on behalf of an order, kept in <c>payment_attempts</c> for diagnosis.</summary>
/// <param name="Gateway"><c>primary</c> or <c>secondary</c>.</param>
/// <param name="Operation"><c>charge</c> or <c>lookup</c>.</param>
/// <param name="Outcome">For example <c>charged</c>, <c>failed</c>, <c>unknown</c>, <c>found</c>, <c>not_found</c>.</param>
/// <param name="Detail">Why, for example <c>503</c> or <c>circuit open</c>.</param>
/// <param name="At">When the call ended.</param>
internal sealed record PaymentAttempt(string Gateway, string Operation, string Outcome, string? Detail, DateTimeOffset At);
