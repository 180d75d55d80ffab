using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Chaos.Storefront.Resilience;

namespace Chaos.Storefront.Fulfillment;

/// <summary>
/// Calls a fulfillment host through the <c>fulfillment</c> HttpClient (attempt timeout, no retries: the dispatcher
/// chooses where the next try goes) and classes every answer as shipped, a definitive failure or an unknown outcome.
/// </summary>
internal sealed class FulfillmentClient(IHttpClientFactory clients)
{
    /// <summary>The name of the HttpClient every host is called through.</summary>
    public const string HttpClientName = "fulfillment";

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>Asks <paramref name="host"/> to ship the order, with the shipment key as <c>Idempotency-Key</c>.</summary>
    public async Task<WriteResult> ShipAsync(FulfillmentHost host, OutboxShipment shipment, IReadOnlyList<ShipmentItem> items, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseUrl, "v1/shipments"))
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new ShipmentRequest(shipment.OrderId, shipment.Amount, items), Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", shipment.ShipmentKey);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await ReadShipmentIdAsync(response, cancellationToken) is { } id
                    ? new WriteResult.Done(id)
                    : new WriteResult.Unknown("unreadable shipment answer");
            }

            // 409: a shipment with this key exists (or is in progress) for another body; only a lookup can tell.
            return IsAmbiguous(response.StatusCode)
                ? new WriteResult.Unknown($"HTTP {(int)response.StatusCode}")
                : new WriteResult.Failed($"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            // The connection was never established, so the request was never sent.
            return new WriteResult.Failed("connection refused");
        }
        catch (Exception ex)
        {
            return new WriteResult.Unknown(DependencyFailure.Describe(ex));
        }
    }

    /// <summary>Looks the shipment up on <paramref name="host"/> by its key.</summary>
    public async Task<KeyLookupResult> LookupAsync(FulfillmentHost host, string shipmentKey, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .GetAsync(new Uri(host.BaseUrl, $"v1/shipments/by-key/{Uri.EscapeDataString(shipmentKey)}"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new KeyLookupResult.NotFound();
            }

            if (!response.IsSuccessStatusCode)
            {
                return new KeyLookupResult.Failed($"HTTP {(int)response.StatusCode}");
            }

            return await ReadShipmentIdAsync(response, cancellationToken) is { } id
                ? new KeyLookupResult.Found(id)
                : new KeyLookupResult.Failed("unreadable lookup answer");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new KeyLookupResult.Failed(DependencyFailure.Describe(ex));
        }
    }

    /// <summary>503 and 4xx (except 408 and 409) are a host's definitive refusal; 408, 409 and other 5xx may follow the work.</summary>
    private static bool IsAmbiguous(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict || ((int)status >= 500 && status != HttpStatusCode.ServiceUnavailable);

    private static async Task<string?> ReadShipmentIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ShipmentAnswer>(Json, cancellationToken);
            return body?.ShipmentId is { Length: > 0 } id ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ShipmentRequest(string OrderId, long Amount, IReadOnlyList<ShipmentItem> Items);

    private sealed record ShipmentAnswer(string? ShipmentId);
}
