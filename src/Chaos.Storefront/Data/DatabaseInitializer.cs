using Chaos.Storefront.Catalog;
using Chaos.Storefront.Fulfillment;

namespace Chaos.Storefront.Data;

/// <summary>
/// Creates the schema and loads the catalog before the server takes requests (hosted services start before it).
/// </summary>
internal sealed class DatabaseInitializer(StorefrontDatabase database, ProductCatalog catalog) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(ProductCatalog.Seed, cancellationToken);
        await ShipmentStore.CreateSchemaAsync(database, cancellationToken);
        await catalog.LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
