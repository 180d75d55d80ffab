namespace Chaos.Storefront.Inventory;

/// <summary>Registers the fulfillment centres, their stock and its seeding.</summary>
internal static class InventoryServiceCollectionExtensions
{
    /// <summary>Call after the database initializer is registered, so the schema exists when the stock is seeded.</summary>
    public static IServiceCollection AddInventory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<InventoryOptions, InventoryOptionsValidator>(configuration, InventoryOptions.SectionName);
        services.AddSingleton<StockStore>();
        services.AddSingleton<FulfillmentCentres>();
        services.AddHostedService<StockSeeder>();
        return services;
    }
}
