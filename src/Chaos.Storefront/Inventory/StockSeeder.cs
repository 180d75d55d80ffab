using Chaos.Storefront.Catalog;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Inventory;

/// <summary>Seeds the centres' stock from configuration before the server takes requests; registered after the database initializer.</summary>
internal sealed class StockSeeder(StockStore stock, IOptions<InventoryOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        stock.SeedAsync(options.Value.Centres, ProductCatalog.Seed.Select(p => p.Sku), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
