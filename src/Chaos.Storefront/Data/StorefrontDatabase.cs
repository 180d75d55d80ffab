using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Chaos.Storefront.Data;

/// <summary>
/// The storefront's SQLite database: opens connections with the pragmas every connection needs, creates the schema
/// and seeds the catalog at start-up.
/// </summary>
internal sealed class StorefrontDatabase(IOptions<StorefrontOptions> options)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS products (
            sku TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            price INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS carts (
            cart_id TEXT PRIMARY KEY,
            created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS cart_items (
            cart_id TEXT NOT NULL REFERENCES carts (cart_id),
            sku TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            price INTEGER NOT NULL,
            PRIMARY KEY (cart_id, sku));
        CREATE TABLE IF NOT EXISTS orders (
            order_id TEXT PRIMARY KEY,
            cart_id TEXT NOT NULL,
            email TEXT NOT NULL,
            amount INTEGER NOT NULL,
            currency TEXT NOT NULL,
            status TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            gateway TEXT NULL,
            pinned_gateway TEXT NULL,
            charge_id TEXT NULL,
            created_at INTEGER NOT NULL,
            paid_at INTEGER NULL,
            updated_at INTEGER NOT NULL,
            subtotal INTEGER NOT NULL DEFAULT 0,
            centre TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_orders_status_created ON orders (status, created_at);
        CREATE INDEX IF NOT EXISTS ix_orders_cart ON orders (cart_id);
        CREATE TABLE IF NOT EXISTS order_lines (
            order_id TEXT NOT NULL REFERENCES orders (order_id),
            sku TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            unit_price INTEGER NOT NULL,
            PRIMARY KEY (order_id, sku));
        CREATE TABLE IF NOT EXISTS payment_attempts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL,
            gateway TEXT NOT NULL,
            operation TEXT NOT NULL,
            outcome TEXT NOT NULL,
            detail TEXT NULL,
            at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_payment_attempts_order ON payment_attempts (order_id);
        """;

    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Value.DatabasePath),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private volatile bool ready;

    /// <summary>Gets a value indicating whether the schema exists and the catalog is seeded.</summary>
    public bool IsReady => ready;

    /// <summary>Opens a connection. Every connection waits on a locked database instead of failing at once.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragmas = connection.CreateCommand();

            // FULL: an order the customer was told about survives a power loss, not only a crash of the process.
            pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the schema (WAL mode) and seeds the catalog; safe to run on an existing database.</summary>
    public async Task InitializeAsync(IReadOnlyList<(string Sku, string Name, long Price)> products, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Value.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        using (var schema = connection.CreateCommand())
        {
            schema.Transaction = transaction;
            schema.CommandText = Schema;
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        await AddMissingColumnsAsync(connection, transaction, cancellationToken);

        using (var seed = connection.CreateCommand())
        {
            seed.Transaction = transaction;
            seed.CommandText = "INSERT OR IGNORE INTO products (sku, name, price) VALUES ($sku, $name, $price);";
            var sku = seed.Parameters.Add("$sku", SqliteType.Text);
            var name = seed.Parameters.Add("$name", SqliteType.Text);
            var price = seed.Parameters.Add("$price", SqliteType.Integer);
            foreach (var product in products)
            {
                sku.Value = product.Sku;
                name.Value = product.Name;
                price.Value = product.Price;
                await seed.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        ready = true;
    }

    /// <summary>The columns added to existing tables since the first schema, with their definitions.</summary>
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("orders", "subtotal", "INTEGER NOT NULL DEFAULT 0"),
        ("orders", "centre", "TEXT NULL"),
    ];

    /// <summary>
    /// Brings a database written by an earlier version up to the schema: <c>CREATE TABLE IF NOT EXISTS</c> adds new tables
    /// but not the columns added to old ones, and a kept database (a compose volume) must not lose its orders.
    /// </summary>
    private static async Task AddMissingColumnsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (table, column, definition) in AddedColumns)
        {
            using var exists = connection.CreateCommand();
            exists.Transaction = transaction;
            exists.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column;";
            exists.Parameters.AddWithValue("$table", table);
            exists.Parameters.AddWithValue("$column", column);
            if (Convert.ToInt32(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                using var alter = connection.CreateCommand();
                alter.Transaction = transaction;
                alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition};";
                await alter.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
