using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Identity;
using Chaos.Simulators.Payments;
using Chaos.Simulators.Tax;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Chaos.Storefront.Fulfillment;
using Chaos.Storefront.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chaos.Storefront.Tests;

/// <summary>
/// One storefront under test (WebApplicationFactory, its own SQLite file) with its two payment gateway simulators, its
/// identity provider simulator and its tax service simulator.
/// </summary>
internal sealed class StorefrontHarness : IAsyncDisposable
{
    public const string AdminUser = "admin@example.test";

    public const string PosUser = "pos-1@example.test";

    private readonly WebApplicationFactory<Program> factory;
    private readonly Dictionary<string, string?> settings;
    private readonly string databasePath;

    private StorefrontHarness(Dictionary<string, string?> overrides, bool withSecondary, bool overSockets = false, TimeProvider? time = null)
    {
        Primary = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Name = "payments.primary", Seed = 1 });
        Secondary = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Name = "payments.secondary", Seed = 2 });
        Identity = IdentityProviderSimulator.Start(new IdentityProviderSimulatorOptions { Seed = 3 });
        Tax = TaxServiceSimulator.Start(new TaxServiceSimulatorOptions { Seed = 4 });
        databasePath = Path.Combine(Path.GetTempPath(), "chaos-storefront-tests", Guid.NewGuid().ToString("N") + ".db");

        settings = new Dictionary<string, string?>
        {
            ["Storefront:DatabasePath"] = databasePath,
            ["Identity:Authority"] = Identity.BaseUrl.ToString(),
            ["Identity:KeyRefreshInterval"] = "00:00:01",
            ["Identity:LoginRateLimit:PermitsPerClient"] = "10000",
            ["Payments:Primary:BaseUrl"] = Primary.BaseUrl.ToString(),
            ["Payments:CaptureInterval"] = "00:00:00.100",
            ["Tax:BaseUrl"] = Tax.BaseUrl.ToString(),
        };
        if (withSecondary)
        {
            settings["Payments:Secondary:BaseUrl"] = Secondary.BaseUrl.ToString();
        }

        foreach (var gateway in new[] { "Primary", "Secondary" })
        {
            var r = $"Payments:{gateway}:Resilience";
            // Long enough for a cold storefront on a busy 2-core CI machine; tests of timeouts use slower faults.
            settings[$"{r}:AttemptTimeout"] = "00:00:01";
            settings[$"{r}:TotalTimeout"] = "00:00:04";
            settings[$"{r}:Retry:Delay"] = "00:00:00.020";
            settings[$"{r}:CircuitBreaker:BreakDuration"] = "00:00:01";
        }

        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var output = TestContext.Current.TestOutputHelper;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings))
            .ConfigureLogging(logging => logging.AddProvider(new TestOutputLoggerProvider(output, TimeProvider.System)))
            .ConfigureServices(services =>
            {
                if (time is not null)
                {
                    // The storefront's clock (its resilience pipelines, workers and stores), so a test advances it.
                    services.AddSingleton(time);
                }
            }));
        if (overSockets)
        {
            // A real Kestrel on loopback, so requests have a real remote address (forwarded-header tests).
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
    }

    public PaymentGatewaySimulator Primary { get; }

    public PaymentGatewaySimulator Secondary { get; }

    public IdentityProviderSimulator Identity { get; }

    public TaxServiceSimulator Tax { get; }

    public HttpClient Client { get; private set; } = null!;

    /// <param name="overrides">Configuration keys that win over the harness's.</param>
    /// <param name="withSecondary">Whether a secondary gateway is configured.</param>
    /// <param name="beforeStart">Runs once the simulators are up and before the storefront starts (and fetches signing keys).</param>
    /// <param name="overSockets">Whether the storefront listens on a real Kestrel socket on 127.0.0.1 instead of the in-memory test server.</param>
    /// <param name="time">The storefront's clock, for example a FakeTimeProvider the test advances; default: the system's.</param>
    public static StorefrontHarness Start(
        Dictionary<string, string?>? overrides = null, bool withSecondary = true, Action<StorefrontHarness>? beforeStart = null, bool overSockets = false, TimeProvider? time = null)
    {
        var harness = new StorefrontHarness(overrides ?? [], withSecondary, overSockets, time);
        beforeStart?.Invoke(harness);
        harness.Client = harness.factory.CreateClient();
        return harness;
    }

    /// <summary>Builds a storefront with these settings without keeping it, to observe start-up.</summary>
    public static void StartAndDispose(Dictionary<string, string?> overrides)
    {
        var harness = new StorefrontHarness(overrides, withSecondary: true);
        try
        {
            // Started as the storefront's own host on 127.0.0.1, not through WebApplicationFactory: when start-up fails,
            // the factory can race the failed host's disposal and throw ObjectDisposedException instead of the error.
            var app = StorefrontApp.Create([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(harness.settings);
                builder.WebHost.UseUrls("http://127.0.0.1:0");
            });
            try
            {
                app.StartAsync(Cancellation).GetAwaiter().GetResult();
                app.StopAsync(Cancellation).GetAwaiter().GetResult();
            }
            finally
            {
                app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static FaultRule Outage(string name = "outage", string route = PaymentGatewaySimulator.ChargesRoute) =>
        new(name, route, new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 });

    public static FaultRule Slow(TimeSpan delay, string name = "slow") =>
        new(name, PaymentGatewaySimulator.ChargesRoute, new FaultSpec { Kind = FaultKind.Latency, Delay = delay, InjectionRate = 1.0 });

    public async Task<string> CreateCartAsync(string sku = "sku-001", int quantity = 2)
    {
        var created = await Client.PostAsync("/carts", null, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var cartId = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("cartId").GetString()!;
        var added = await Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku, quantity }, Cancellation);
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        return cartId;
    }

    /// <summary>Logs in through <c>POST /login</c> (and so the identity provider).</summary>
    public async Task<HttpResponseMessage> LoginAsync(string username, string password = IdentityProviderSimulatorOptions.DefaultPassword) =>
        await Client.PostAsJsonAsync("/login", new { username, password }, Cancellation);

    /// <summary>Logs in and returns the access token; fails the test unless login answers 200.</summary>
    public async Task<string> LoginTokenAsync(string username)
    {
        var response = await LoginAsync(username);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("accessToken").GetString()!;
    }

    /// <summary>A client of this storefront that sends <c>Authorization: Bearer</c> with an admin token got through <c>POST /login</c>.</summary>
    public async Task<HttpClient> AdminClientAsync() => ClientWithToken(await LoginTokenAsync(AdminUser));

    /// <summary>A client of this storefront that sends <paramref name="token"/> as its bearer token; none when null.</summary>
    public HttpClient ClientWithToken(string? token)
    {
        var client = factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task<HttpResponseMessage> CheckoutAsync(string? cartId = null) =>
        await Client.PostAsJsonAsync("/checkout", new { cartId = cartId ?? await CreateCartAsync(), email = "buyer@example.com" }, Cancellation);

    public async Task<JsonElement> GetOrderAsync(string orderId)
    {
        var response = await Client.GetAsync($"/orders/{orderId}", Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    public async Task<JsonElement> GetStatusAsync() =>
        await Client.GetFromJsonAsync<JsonElement>("/status", Cancellation);

    public int ChargesFor(PaymentGatewaySimulator gateway, string orderId) =>
        gateway.Journal.Charges.Count(c => c.OrderId == orderId);

    public static int CallsTo(PaymentGatewaySimulator gateway, string route) =>
        gateway.Journal.Calls.Count(c => c.Route == route);

    /// <summary>Polls until the order reaches <paramref name="status"/>, or fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForOrderStatusAsync(string orderId, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var order = await GetOrderAsync(orderId);
            if (order.GetProperty("status").GetString() == status)
            {
                return order;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Order {orderId} is still {order.GetProperty("status").GetString()}, not {status}: {order}");
            }

            await Task.Delay(50, Cancellation);
        }
    }

    /// <summary>
    /// Runs <paramref name="passes"/> passes of the payment capture worker now, one after another, each to its end (the
    /// worker's own timer keeps running beside them). A "nothing else was charged" check after them is proven by passes
    /// that ran, not by a sleep that hopes one did.
    /// </summary>
    public async Task RunCapturePassesAsync(int passes = 2)
    {
        var worker = factory.Services.GetServices<IHostedService>().OfType<PaymentCaptureWorker>().Single();
        for (var i = 0; i < passes; i++)
        {
            await worker.CaptureAsync(Cancellation);
        }
    }

    /// <summary>Runs <paramref name="passes"/> passes of the shipment dispatcher now, each to its end: see <see cref="RunCapturePassesAsync"/>.</summary>
    public async Task RunDispatchPassesAsync(int passes = 2)
    {
        var dispatcher = factory.Services.GetServices<IHostedService>().OfType<ShipmentDispatcher>().Single();
        for (var i = 0; i < passes; i++)
        {
            await dispatcher.DispatchAsync(Cancellation);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, or fails naming <paramref name="what"/> after 10 s.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{what} never happened");
            await Task.Delay(20, Cancellation);
        }
    }

    /// <summary>Opens the storefront's database directly, to stage what a crash would leave behind.</summary>
    public SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await factory.DisposeAsync();
        await Primary.DisposeAsync();
        await Secondary.DisposeAsync();
        await Identity.DisposeAsync();
        await Tax.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(databasePath + suffix);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is cleaned by the OS.
            }
        }
    }
}
