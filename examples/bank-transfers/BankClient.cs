using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace BankTransfers;

/// <summary>The bank's transfers API, through the standard resilience handler (see <c>Program.cs</c>).</summary>
/// <param name="http">The typed client.</param>
/// <param name="options">Where the bank is: <see cref="BankOptions.TransferEndpoints"/>.</param>
public sealed class BankClient(HttpClient http, IOptions<BankOptions> options)
{
    /// <summary>
    /// Asks the bank to make a transfer, at its first endpoint, or at the next when the transfer surely did not reach
    /// the bank: every attempt so far failed to connect, or found the endpoint's breaker open (see
    /// <see cref="TransferAttemptsHandler"/>). A transfer that may have been made (an attempt that timed out or got a
    /// 5xx, even if a later retry found the breaker open) is never sent to a second endpoint, which could move the money twice.
    /// </summary>
    /// <param name="amount">The amount, in minor units.</param>
    /// <param name="reference">The payment's reference.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bank's transfer id, or null when the bank refused it (a 4xx).</returns>
    /// <exception cref="HttpRequestException">
    /// The bank failed at the last endpoint tried: a 5xx after retries, or no connection (at an endpoint before the last,
    /// once an attempt may have reached the bank).
    /// </exception>
    /// <exception cref="BrokenCircuitException">The breaker of the last endpoint tried is open (the same rule).</exception>
    public async Task<string?> TransferAsync(long amount, string reference, CancellationToken cancellationToken)
    {
        var endpoints = options.Value.TransferEndpoints;
        var attempts = new TransferAttemptsHandler.Attempts();
        for (var i = 0; ; i++)
        {
            try
            {
                return await TransferAtAsync(endpoints[i], amount, reference, attempts, cancellationToken);
            }
            catch (Exception ex) when (i < endpoints.Count - 1 && !attempts.MayHaveReachedTheBank
                && ex is BrokenCircuitException or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                // Not sent: the next endpoint may take it.
            }
        }
    }

    private async Task<string?> TransferAtAsync(Uri endpoint, long amount, string reference, TransferAttemptsHandler.Attempts attempts, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "v1/transfers"))
        {
            Content = JsonContent.Create(new TransferRequest(amount, reference)),
        };
        request.Options.Set(TransferAttemptsHandler.Key, attempts);
        using var response = await http.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var transfer = await response.Content.ReadFromJsonAsync<TransferResponse>(cancellationToken);
        return transfer?.Id ?? throw new HttpRequestException("The bank answered without a transfer id.");
    }

    private sealed record TransferRequest(long Amount, string Reference);

    private sealed record TransferResponse(string? Id);
}
