using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

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

/// <summary>The storefront's <c>GET /status</c> answer.</summary>
public sealed record StorefrontStatus(IReadOnlyList<DependencyStatus> Dependencies, StorefrontBacklogs Backlogs, IReadOnlyList<string>? Notices)
{
    /// <summary>Gets the fulfillment counters, or null from a storefront that does not report them.</summary>
    public StorefrontFulfillment? Fulfillment { get; init; }
}

/// <summary>The fulfillment counters of the storefront's <c>GET /status</c>.</summary>
/// <param name="Failovers">Shipments moved to another host after one failed them, since start-up.</param>
public sealed record StorefrontFulfillment(long Failovers);

/// <summary>One dependency's health and circuit state.</summary>
public sealed record DependencyStatus(string Name, string Circuit, bool Healthy);

/// <summary>The storefront's backlogs.</summary>
/// <param name="PendingPayments">Orders accepted as payment pending, not yet captured.</param>
/// <param name="PendingShipments">Shipments in the outbox, not yet taken by a fulfillment host (0 from a storefront that does not report it).</param>
public sealed record StorefrontBacklogs(int PendingPayments, int PendingShipments = 0);

/// <summary>An order as the storefront's admin API lists it.</summary>
public sealed record StorefrontOrder(
    string OrderId,
    string Status,
    long Amount,
    string? Gateway,
    string? ChargeId,
    [property: JsonPropertyName("createdAt")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("paidAt")] DateTimeOffset? PaidAt)
{
    /// <summary>Gets the sum of the order's lines in cents, or null from a storefront that does not report it.</summary>
    public long? Subtotal { get; init; }

    /// <summary>Gets the order's own lines (copied from the cart at checkout), or null from a storefront that does not report them.</summary>
    public IReadOnlyList<StorefrontOrderLine>? Lines { get; init; }
}

/// <summary>One line of an order as the storefront's admin API lists it.</summary>
/// <param name="Sku">The product.</param>
/// <param name="Quantity">How many units.</param>
/// <param name="UnitPrice">The unit price in cents at checkout.</param>
public sealed record StorefrontOrderLine(string Sku, int Quantity, long UnitPrice);

/// <summary>A fulfillment centre as the storefront's <c>GET /admin/inventory</c> reports it.</summary>
/// <param name="Name">The centre's name, for example <c>primary</c>.</param>
/// <param name="Open">Whether it could ship when read.</param>
/// <param name="Hosts">The names of the fulfillment hosts the storefront assigns to it.</param>
/// <param name="Skus">Its stock per SKU.</param>
public sealed record StorefrontCentre(string Name, bool Open, IReadOnlyList<string>? Hosts, IReadOnlyList<StorefrontStock> Skus);

/// <summary>One SKU at one centre.</summary>
/// <param name="Sku">The product's SKU.</param>
/// <param name="Stock">The units the centre was stocked with.</param>
/// <param name="Reserved">Units of live orders at the centre whose shipment is not dispatched yet.</param>
/// <param name="Shipped">Units of the centre's orders the storefront saw a host take.</param>
public sealed record StorefrontStock(string Sku, long Stock, long Reserved, long Shipped);
