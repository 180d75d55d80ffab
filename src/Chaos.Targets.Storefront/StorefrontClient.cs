using System.Net.Http.Json;
using System.Text.Json;

namespace Chaos.Targets.Storefront;

/// <summary>The harness's view of the storefront: its status and its admin order list (for reconciliation).</summary>
public sealed class StorefrontClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _client;

    /// <summary>Initializes a new instance of the <see cref="StorefrontClient"/> class.</summary>
    public StorefrontClient(Uri storefront, StorefrontCredentials admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        _client = new HttpClient { BaseAddress = storefront, Timeout = TimeSpan.FromSeconds(10) };
        admin.ApplyTo(_client.DefaultRequestHeaders);
    }

    /// <summary>Reads <c>GET /status</c>.</summary>
    public async Task<StorefrontStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        await _client.GetFromJsonAsync<StorefrontStatus>("status", Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /status answered no body.");

    /// <summary>Reads every order through <c>GET /admin/orders</c>.</summary>
    public async Task<IReadOnlyList<StorefrontOrder>> GetOrdersAsync(CancellationToken cancellationToken) =>
        await _client.GetFromJsonAsync<List<StorefrontOrder>>("admin/orders", Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /admin/orders answered no body.");

    /// <summary>
    /// Reads every fulfillment centre's stock through <c>GET /admin/inventory</c>; null from a storefront that has no
    /// inventory (404).
    /// </summary>
    public async Task<IReadOnlyList<StorefrontCentre>?> GetInventoryAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync("admin/inventory", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<StorefrontCentre>>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("GET /admin/inventory answered no body.");
    }

    /// <summary>Waits until <c>GET /health/ready</c> answers 200, or throws after the timeout.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (true)
        {
            try
            {
                using var response = await _client.GetAsync("health/ready", cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (time.GetElapsedTime(start) < timeout)
            {
            }

            if (time.GetElapsedTime(start) >= timeout)
            {
                throw new InvalidOperationException($"The storefront at {_client.BaseAddress} was not ready within {timeout.TotalSeconds:0}s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
