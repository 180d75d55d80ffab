using System.Net.Http.Json;

namespace BankTransfers;

/// <summary>The bank's transfers API, through the standard resilience handler (see <c>Program.cs</c>).</summary>
/// <param name="http">The typed client, whose base address is <see cref="BankOptions.BaseAddress"/>.</param>
public sealed class BankClient(HttpClient http)
{
    /// <summary>Asks the bank to make a transfer.</summary>
    /// <param name="amount">The amount, in minor units.</param>
    /// <param name="reference">The payment's reference.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bank's transfer id, or null when the bank refused it (a 4xx).</returns>
    /// <exception cref="HttpRequestException">The bank failed (a 5xx after retries, or no connection).</exception>
    public async Task<string?> TransferAsync(long amount, string reference, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("v1/transfers", new TransferRequest(amount, reference), cancellationToken);
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
