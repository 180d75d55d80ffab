using System.Net;
using System.Text.Json;

namespace Chaos.Storefront.Tax;

/// <summary>
/// Checks each attempt's quote below the resilience handler, so a bad deploy's answer counts as a failure for the retry
/// and the circuit breaker: a 2xx whose body is not JSON, lacks a field, has a negative tax, a total other than subtotal
/// plus tax, or a subtotal other than the one asked for, becomes a 502 whose reason phrase says what was wrong. A usable
/// quote is left in the request's options for <see cref="TaxQuoteClient"/>.
/// </summary>
internal sealed class QuoteValidationHandler : DelegatingHandler
{
    /// <summary>The subtotal the request asked to be quoted, in minor units.</summary>
    public static readonly HttpRequestOptionsKey<long> ExpectedSubtotal = new("Chaos.Storefront.Tax.ExpectedSubtotal");

    /// <summary>The checked quote of the attempt that succeeded.</summary>
    public static readonly HttpRequestOptionsKey<TaxQuote> Quote = new("Chaos.Storefront.Tax.Quote");

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return response;
        }

        QuoteBody? body;
        try
        {
            // Buffered first: HttpClient reads the content again above this handler.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            body = await response.Content.ReadFromJsonAsync<QuoteBody>(JsonOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Invalid(request, response, $"the quote is not JSON ({ex.Message})");
        }

        request.Options.TryGetValue(ExpectedSubtotal, out var expected);
        var problem = body switch
        {
            null => "the quote is null",
            { QuoteId: null or "" } => "the quote has no quoteId",
            { Subtotal: null } => "the quote has no subtotal",
            { Tax: null } => "the quote has no tax",
            { Total: null } => "the quote has no total",
            { Tax: < 0 } => $"the quote's tax {body.Tax} is negative",
            _ when body.Subtotal != expected => $"the quote is for a subtotal of {body.Subtotal}, not {expected}",
            _ when body.Total != body.Subtotal + body.Tax => $"the quote's total {body.Total} is not subtotal {body.Subtotal} + tax {body.Tax}",
            _ => null,
        };
        if (problem is not null)
        {
            return Invalid(request, response, problem);
        }

        request.Options.Set(Quote, new TaxQuote(body!.QuoteId!, body.Subtotal!.Value, body.Tax!.Value, body.Total!.Value));
        return response;
    }

    private static HttpResponseMessage Invalid(HttpRequestMessage request, HttpResponseMessage response, string problem)
    {
        response.Dispose();
        return new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request, ReasonPhrase = "Invalid quote: " + problem };
    }

    private sealed record QuoteBody(string? QuoteId, long? Subtotal, long? Tax, long? Total);
}
