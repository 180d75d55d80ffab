namespace Chaos.Storefront;

/// <summary>
/// Endpoint metadata: an example of the JSON body the endpoint takes, quoted by the 400 that answers a missing or
/// malformed body (see <see cref="RequestBodyProblems"/>).
/// </summary>
/// <param name="Json">A valid body, for example <c>{"sku": "sku-001", "quantity": 2}</c>.</param>
internal sealed record JsonBodyExample(string Json);
