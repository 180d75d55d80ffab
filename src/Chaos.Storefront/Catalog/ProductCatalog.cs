using System.Collections.Frozen;
using Chaos.Storefront.Data;
using Microsoft.Data.Sqlite;

namespace Chaos.Storefront.Catalog;

/// <summary>
/// The catalog, read from SQLite once at start-up and then served from memory, so browsing depends on nothing.
/// </summary>
internal sealed class ProductCatalog(StorefrontDatabase database)
{
    private static readonly string[] Names =
    [
        "Espresso beans 1 kg", "Pour-over kettle", "Ceramic mug", "Burr grinder", "Paper filters (100)",
        "Milk frother", "Travel tumbler", "Cold brew jar", "Digital scale", "Tamper",
        "Knock box", "Cleaning tablets", "Decaf beans 500 g", "Moka pot", "French press",
        "Latte art pitcher", "Barista apron", "Descaler", "Gift card", "Tasting flight",
    ];

    private IReadOnlyList<Product> products = [];
    private FrozenDictionary<string, Product> bySku = FrozenDictionary<string, Product>.Empty;

    /// <summary>The products seeded into an empty database: <c>sku-001</c> to <c>sku-020</c>, priced in cents.</summary>
    public static IReadOnlyList<(string Sku, string Name, long Price)> Seed { get; } =
        [.. Names.Select((name, i) => ($"sku-{i + 1:000}", name, (long)(499 + (i * 250))))];

    /// <summary>Gets every product, ordered by SKU.</summary>
    public IReadOnlyList<Product> All => products;

    /// <summary>Finds a product by SKU.</summary>
    public Product? Find(string sku) => bySku.GetValueOrDefault(sku);

    /// <summary>Loads the catalog from the database.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var loaded = new List<Product>();
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sku, name, price FROM products ORDER BY sku;";
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            loaded.Add(new Product(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        products = loaded;
        bySku = loaded.ToFrozenDictionary(p => p.Sku, StringComparer.Ordinal);
    }
}
