using System.Net.Http.Json;
using Chaos.Storefront.Carts;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chaos.Storefront.Tax;

/// <summary>
/// Asks the tax service to price a cart through the <c>tax</c> HttpClient and its resilience pipeline. Never throws for
/// the service's failures: any of them is <see cref="TaxQuoteResult.Unavailable"/>.
/// </summary>
internal sealed partial class TaxQuoteClient(IHttpClientFactory clients, TaxCircuit circuit, ILogger<TaxQuoteClient> logger)
{
    /// <summary>The name of the HttpClient and its resilience pipeline.</summary>
    public const string HttpClientName = "tax";

    public async Task<TaxQuoteResult> QuoteAsync(CartResponse cart, string currency, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/quotes")
        {
            Content = JsonContent.Create(new QuoteRequest(cart.Items.Select(i => new QuoteLine(i.Sku, i.Quantity, i.Price)).ToArray(), cart.Total, currency)),
        };
        request.Options.Set(QuoteValidationHandler.ExpectedSubtotal, cart.Total);

        string reason;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode && request.Options.TryGetValue(QuoteValidationHandler.Quote, out var quote))
            {
                circuit.RecordCall(succeeded: true);
                return new TaxQuoteResult.Quoted(quote);
            }

            reason = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (BrokenCircuitException)
        {
            reason = "the circuit is open";
        }
        catch (TimeoutRejectedException)
        {
            reason = "timed out";
        }
        catch (HttpRequestException ex)
        {
            reason = $"no answer ({ex.HttpRequestError})";
        }
        catch (IOException ex)
        {
            reason = $"the connection broke ({ex.Message})";
        }

        circuit.RecordCall(succeeded: false);
        LogUnavailable(logger, cart.CartId, reason);
        return new TaxQuoteResult.Unavailable(reason);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cart {CartId}: no tax quote ({Reason}); checkout answers 503.")]
    private static partial void LogUnavailable(ILogger logger, string cartId, string reason);

    private sealed record QuoteRequest(IReadOnlyList<QuoteLine> Lines, long Subtotal, string Currency);

    private sealed record QuoteLine(string Sku, long Quantity, long UnitPrice);
}
