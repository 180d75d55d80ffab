using System.Text.Json.Serialization;
using Chaos.Storefront.Admin;
using Chaos.Storefront.Auth;
using Chaos.Storefront.Carts;
using Chaos.Storefront.Catalog;
using Chaos.Storefront.Checkout;
using Chaos.Storefront.Data;
using Chaos.Storefront.Fulfillment;
using Chaos.Storefront.Inventory;
using Chaos.Storefront.Orders;
using Chaos.Storefront.Payments;
using Chaos.Storefront.Pos;
using Chaos.Storefront.Status;
using Chaos.Storefront.Tax;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chaos.Storefront;

/// <summary>
/// Builds the storefront: catalog, carts, checkout with payment failover, orders, admin and status, over SQLite.
/// </summary>
/// <remarks>
/// The storefront knows nothing of the harness: chaos reaches it only through its dependencies and its configuration.
/// A host (the <c>chaos</c> command, a test) calls <see cref="Create"/>, then starts the application it returns.
/// <para>
/// The process's thread-pool minimum is the host's choice, not the storefront's: Microsoft.Data.Sqlite has no asynchronous
/// I/O, so a commit's fsync and a writer in SQLite's busy handler block a pool thread. With the default minimum (one worker
/// per core) a handful of blocked writers left every request in the process queued for up to 1.1 s on 2 cores while the
/// pool added a thread or two a second (measured in the scenario suite: browse, which only reads, had a p99 of 1.5 s).
/// The storefront's own process sets <c>ThreadPoolMinThreads</c> 32 in its project file, and so do the hosts in this
/// repository that embed it (chaos, the test projects); another host sets its own.
/// </para>
/// </remarks>
public static class StorefrontApp
{
    /// <summary>Builds the storefront application.</summary>
    /// <param name="args">Command-line arguments; they can override any configuration key, for example <c>--Payments:PendingLimit=50</c>.</param>
    /// <param name="configure">
    /// Runs right after the builder is created and before any service is added, so that a host can add configuration
    /// sources (in-memory overrides, a JSON file) that win over <c>appsettings.json</c>, or set the URLs to listen on.
    /// </param>
    /// <returns>The application, not started. Its content root is the folder that holds <c>Chaos.Storefront.dll</c>.</returns>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(StorefrontApp).Assembly.GetName().Name,

            // appsettings.json is found even when another program hosts the storefront.
            ContentRootPath = Path.GetDirectoryName(typeof(StorefrontApp).Assembly.Location),
        });
        configure?.Invoke(builder);

        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddSingleton(TimeProvider.System);
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(json =>
        {
            // A body that names a property twice ({"username": "decoy", "username": "admin"}) means two things to two
            // readers; refuse it. Names compare without regard to case here, as binding compares them.
            json.SerializerOptions.AllowDuplicateProperties = false;

            // The web defaults read "2" as 2; a client that sends a string where a number belongs is told so.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = RequestBodyProblems.Explain);
        services.AddExceptionHandler<BadRequestExceptionHandler>();

        services.AddValidatedOptions<StorefrontOptions, StorefrontOptionsValidator>(configuration, StorefrontOptions.SectionName);

        services.AddSingleton<StorefrontDatabase>();
        services.AddSingleton<ProductCatalog>();
        services.AddSingleton<CartStore>();
        services.AddSingleton<OrderStore>();
        services.AddSingleton<CheckoutService>();

        // Registered before the capture worker, so the schema exists when it first runs.
        services.AddHostedService<DatabaseInitializer>();
        services.AddPayments(configuration);
        services.AddFulfillment(configuration);
        services.AddInventory(configuration);
        services.AddStorefrontAuth(configuration);
        services.AddTax(configuration);
        services.AddForwardedClientAddresses();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [StatusEndpoints.ReadyTag]);

        builder.WebHost.ConfigureKestrel(RequestLimits.RaiseKestrelLimits);

        var app = builder.Build();
        app.UseRequestLimits();
        app.UseForwardedClientAddresses();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStorefrontAuth();

        app.MapCatalogEndpoints();
        app.MapCartEndpoints();
        app.MapCheckoutEndpoints();
        app.MapOrderEndpoints();
        app.MapAdminEndpoints();
        app.MapInventoryEndpoints();
        app.MapLoginEndpoints();
        app.MapPosEndpoints();
        app.MapStatusEndpoints();
        return app;
    }
}
