using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Chaos.Storefront.Resilience;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Chaos.Storefront.Payments;

/// <summary>
/// Calls a gateway through its named HttpClient (and so its resilience pipeline) and classes every answer as a
/// charge, a definitive failure or an unknown outcome.
/// </summary>
internal sealed class PaymentGatewayClient(IHttpClientFactory clients, PaymentCircuits circuits)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>Charges once (the pipeline may retry); <paramref name="idempotencyKey"/> null sends no key.</summary>
    public async Task<WriteResult> ChargeAsync(string gateway, ChargeRequest charge, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var log = new AttemptLog();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/charges")
        {
            // A buffered body, so a retry resends the same bytes.
            Content = new StringContent(JsonSerializer.Serialize(charge, Json), Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        request.Options.Set(AttemptLog.Key, log);

        var result = await SendChargeAsync(gateway, request, log, cancellationToken);
        circuits[gateway].RecordCall(result is WriteResult.Done);
        return result;
    }

    /// <summary>Looks a charge up by its idempotency key.</summary>
    public async Task<KeyLookupResult> LookupAsync(string gateway, string idempotencyKey, CancellationToken cancellationToken)
    {
        KeyLookupResult result;
        try
        {
            using var response = await clients.CreateClient(PaymentGateways.HttpClientName(gateway))
                .GetAsync($"v1/charges/by-key/{Uri.EscapeDataString(idempotencyKey)}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                result = new KeyLookupResult.NotFound();
            }
            else if (response.IsSuccessStatusCode)
            {
                var found = await ReadChargeAsync(response, cancellationToken);
                result = found?.Id is { Length: > 0 } id
                    ? new KeyLookupResult.Found(id)
                    : new KeyLookupResult.Failed("unreadable lookup answer");
            }
            else
            {
                result = new KeyLookupResult.Failed($"HTTP {(int)response.StatusCode}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            result = new KeyLookupResult.Failed(DependencyFailure.Describe(ex));
        }

        circuits[gateway].RecordCall(result is not KeyLookupResult.Failed);
        return result;
    }

    private async Task<WriteResult> SendChargeAsync(string gateway, HttpRequestMessage request, AttemptLog log, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await clients.CreateClient(PaymentGateways.HttpClientName(gateway)).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var charge = await ReadChargeAsync(response, cancellationToken);
                return charge?.Id is { Length: > 0 } id
                    ? new WriteResult.Done(id)
                    : new WriteResult.Unknown("unreadable charge answer");
            }

            if (log.UnknownReason is { } earlier)
            {
                return new WriteResult.Unknown($"HTTP {(int)response.StatusCode} after an earlier attempt ended in {earlier}");
            }

            // 409: a charge with this key exists (or is in progress) with another body; only a lookup can tell.
            return response.StatusCode == HttpStatusCode.Conflict || AttemptOutcomeHandler.IsAmbiguous(response.StatusCode)
                ? new WriteResult.Unknown($"HTTP {(int)response.StatusCode}")
                : new WriteResult.Failed($"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            if (log.UnknownReason is { } reason)
            {
                return new WriteResult.Unknown($"{DependencyFailure.Describe(ex)} after an attempt ended in {reason}");
            }

            return ex switch
            {
                BrokenCircuitException or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
                    new WriteResult.Failed(DependencyFailure.Describe(ex)),

                // The total timeout ended a retry delay, not an attempt: every attempt got a definitive answer.
                TimeoutRejectedException when log.Attempts > 0 => new WriteResult.Failed(DependencyFailure.Describe(ex)),

                // Anything else (an answer cut off after its status line, for one) may follow a charge.
                _ => new WriteResult.Unknown(DependencyFailure.Describe(ex)),
            };
        }
    }

    private static async Task<GatewayCharge?> ReadChargeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<GatewayCharge>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
