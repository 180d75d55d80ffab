using Chaos.Storefront.Data;
using Chaos.Storefront.Orders;
using Microsoft.Data.Sqlite;

namespace Chaos.Storefront.Carts;

/// <summary>The result of adding to a cart: the cart, why the quantity was refused, or the order that closed the cart.</summary>
/// <param name="Cart">The cart after the change, when it was made.</param>
/// <param name="QuantityError">Why the change was refused, when it was.</param>
/// <param name="OrderId">The live order the cart was checked out as: the cart is closed and nothing was changed.</param>
internal sealed record CartUpdate(CartResponse? Cart, string? QuantityError, string? OrderId = null);

/// <summary>Carts and their lines, in SQLite.</summary>
internal sealed class CartStore(StorefrontDatabase database, TimeProvider time)
{
    /// <summary>The most of one SKU a cart may hold.</summary>
    public const int MaxQuantity = 100;

    public async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        var cartId = "cart_" + Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO carts (cart_id, created_at) VALUES ($id, $at);";
        command.Parameters.AddWithValue("$id", cartId);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return cartId;
    }

    public async Task<CartResponse?> GetAsync(string cartId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, cartId, cancellationToken);
    }

    /// <summary>
    /// Adds to a line; null when the cart does not exist. A cart checked out as a live (not rejected) order is closed:
    /// the change is refused in the same transaction that would make it, so no line is added after the order's lines
    /// were copied.
    /// </summary>
    public async Task<CartUpdate?> AddItemAsync(string cartId, string sku, int quantity, long price, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        using var existing = connection.CreateCommand();
        existing.Transaction = transaction;
        existing.CommandText = $"""
            SELECT (SELECT 1 FROM carts WHERE cart_id = $cart),
                   (SELECT quantity FROM cart_items WHERE cart_id = $cart AND sku = $sku),
                   (SELECT order_id FROM orders WHERE cart_id = $cart AND status <> '{OrderStatus.Rejected}' LIMIT 1);
            """;
        existing.Parameters.AddWithValue("$cart", cartId);
        existing.Parameters.AddWithValue("$sku", sku);
        int current;
        await using (var reader = await existing.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            if (reader.IsDBNull(0))
            {
                return null;
            }

            if (!reader.IsDBNull(2))
            {
                return new CartUpdate(null, null, reader.GetString(2));
            }

            current = reader.IsDBNull(1) ? 0 : reader.GetInt32(1);
        }

        if (current + quantity > MaxQuantity)
        {
            return new CartUpdate(null, $"The cart already holds {current} of '{sku}'; adding {quantity} would exceed {MaxQuantity}.");
        }

        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO cart_items (cart_id, sku, quantity, price) VALUES ($cart, $sku, $quantity, $price)
            ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = quantity + excluded.quantity;
            """;
        upsert.Parameters.AddWithValue("$cart", cartId);
        upsert.Parameters.AddWithValue("$sku", sku);
        upsert.Parameters.AddWithValue("$quantity", quantity);
        upsert.Parameters.AddWithValue("$price", price);
        await upsert.ExecuteNonQueryAsync(cancellationToken);

        var cart = await ReadAsync(connection, transaction, cartId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CartUpdate(cart, null);
    }

    /// <summary>Reads a cart inside an open connection (and transaction, if any); null when it does not exist.</summary>
    public static async Task<CartResponse?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string cartId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT c.cart_id, i.sku, i.quantity, i.price
            FROM carts c LEFT JOIN cart_items i ON i.cart_id = c.cart_id
            WHERE c.cart_id = $cart
            ORDER BY i.sku;
            """;
        command.Parameters.AddWithValue("$cart", cartId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = false;
        var items = new List<CartItemResponse>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found = true;
            if (!reader.IsDBNull(1))
            {
                items.Add(new CartItemResponse(reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)));
            }
        }

        return found ? new CartResponse(cartId, items, items.Sum(i => i.Quantity * i.Price)) : null;
    }
}
