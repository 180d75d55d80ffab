using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Scenarios;

namespace Chaos.Targets.Storefront;

/// <summary>
/// The user journeys of the reference storefront over real HTTP: <c>browse</c> (list, then view a product),
/// <c>addToCart</c> (create a cart, add an item), <c>checkout</c> (cart, item, checkout) and <c>cartTamper</c> (checkout,
/// then a change to the checked-out cart, which must be refused), and the staff and
/// attacker journeys of <c>StorefrontJourneys.Staff.cs</c>. Accepted orders go to the <see cref="OrderLedger"/>.
/// </summary>
public sealed partial class StorefrontJourneys : IJourneyRunner, IDisposable
{
    /// <summary>The browse journey.</summary>
    public const string Browse = StorefrontVocabulary.BrowseJourney;

    /// <summary>The add-to-cart journey.</summary>
    public const string AddToCart = StorefrontVocabulary.AddToCartJourney;

    /// <summary>The checkout journey.</summary>
    public const string Checkout = StorefrontVocabulary.CheckoutJourney;

    /// <summary>Checks out a cart, then tries to add an item to it: the change must be refused (409).</summary>
    public const string CartTamper = StorefrontVocabulary.CartTamperJourney;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _client;
    private readonly OrderLedger _ledger;
    private readonly TimeProvider _time;
    private readonly long _runStart;
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private string[] _skus = [];

    /// <summary>Initializes a new instance of the <see cref="StorefrontJourneys"/> class.</summary>
    /// <param name="storefront">The storefront's base URL.</param>
    /// <param name="ledger">Where accepted orders are recorded.</param>
    /// <param name="requestTimeout">The client-side timeout of each request.</param>
    /// <param name="maxConnections">The bound on connections to the storefront.</param>
    /// <param name="seed">The seed for product choices.</param>
    /// <param name="timeProvider">The time provider (the run's clock).</param>
    /// <param name="access">Where probes of protected surfaces are recorded; a fresh ledger when null.</param>
    /// <param name="tamper">Where changes to checked-out carts are recorded; a fresh ledger when null.</param>
    public StorefrontJourneys(Uri storefront, OrderLedger ledger, TimeSpan requestTimeout, int maxConnections, int seed, TimeProvider timeProvider, AccessLedger? access = null, CartTamperLedger? tamper = null)
    {
        Access = access ?? new AccessLedger();
        Tamper = tamper ?? new CartTamperLedger();
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = storefront,
            Timeout = requestTimeout,
        };
        _ledger = ledger;
        _time = timeProvider;
        _runStart = timeProvider.GetTimestamp();
        _random = new Random(seed);
    }

    /// <summary>Gets where probes of protected surfaces are recorded (the <c>noUnauthenticatedAccess</c> invariant reads it).</summary>
    public AccessLedger Access { get; }

    /// <summary>Gets where changes to checked-out carts are recorded (the <c>noPaidCartChanged</c> invariant reads it).</summary>
    public CartTamperLedger Tamper { get; }

    /// <summary>Gets the journeys this runner knows.</summary>
    public static IReadOnlyList<string> Names { get; } = [Browse, AddToCart, Checkout, TrackOrder, StaffLogin, StaffSession, AdminProbe, CredentialStuffing, CartTamper];

    /// <summary>Reads the catalog once so journeys can pick products; fails if the storefront is not serving.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => PrepareAsync([Browse, AddToCart, Checkout], cancellationToken);

    /// <summary>
    /// Reads the catalog once so journeys can pick products, and opens the staff sessions that
    /// <see cref="StaffSession"/> and <see cref="AdminProbe"/> need when <paramref name="journeys"/> uses them; fails if
    /// the storefront is not serving.
    /// </summary>
    /// <param name="journeys">The journeys the run uses.</param>
    /// <param name="cancellationToken">Stops the preparation.</param>
    public async Task PrepareAsync(IReadOnlyCollection<string> journeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journeys);
        var products = await _client.GetFromJsonAsync<List<ProductDto>>("products", Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The storefront answered GET /products with no body.");
        _skus = products.Select(p => p.Sku).ToArray();
        if (_skus.Length == 0)
        {
            throw new InvalidOperationException("The storefront's catalog is empty; journeys need at least one product.");
        }

        await PrepareStaffAsync(journeys, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<JourneyResult> RunAsync(string journey, VirtualUser user, CancellationToken cancellationToken)
    {
        try
        {
            return journey switch
            {
                Browse => await BrowseAsync(cancellationToken).ConfigureAwait(false),
                AddToCart => (await FillCartAsync(cancellationToken).ConfigureAwait(false)).Result,
                Checkout => await CheckoutAsync(user, cancellationToken).ConfigureAwait(false),
                CartTamper => await CartTamperAsync(user, cancellationToken).ConfigureAwait(false),
                TrackOrder => await TrackOrderAsync(user, cancellationToken).ConfigureAwait(false),
                StaffLogin => await StaffLoginAsync(user, cancellationToken).ConfigureAwait(false),
                StaffSession => await StaffSessionAsync(user, cancellationToken).ConfigureAwait(false),
                AdminProbe => await AdminProbeAsync(cancellationToken).ConfigureAwait(false),
                CredentialStuffing => await CredentialStuffingAsync(cancellationToken).ConfigureAwait(false),
                _ => new JourneyResult(OutcomeKind.HttpError, 0, $"unknown journey '{journey}'"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new JourneyResult(OutcomeKind.Timeout, 0, "request timed out");
        }
        catch (HttpRequestException ex)
        {
            return new JourneyResult(OutcomeKind.ConnectionError, 0, ex.HttpRequestError.ToString());
        }
        catch (JsonException)
        {
            return new JourneyResult(OutcomeKind.HttpError, 200, "malformed response body");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _foreignKey.Dispose();
    }

    private async Task<JourneyResult> BrowseAsync(CancellationToken cancellationToken)
    {
        using (var list = await _client.GetAsync("products", cancellationToken).ConfigureAwait(false))
        {
            if (Classify(list, "list products") is { } failed)
            {
                return failed;
            }
        }

        using var item = await _client.GetAsync($"products/{PickSku()}", cancellationToken).ConfigureAwait(false);
        return Classify(item, "view product") ?? JourneyResult.Ok((int)item.StatusCode);
    }

    private async Task<(JourneyResult Result, string? CartId)> FillCartAsync(CancellationToken cancellationToken)
    {
        string cartId;
        using (var created = await _client.PostAsync("carts", null, cancellationToken).ConfigureAwait(false))
        {
            if (Classify(created, "create cart") is { } failed)
            {
                return (failed, null);
            }

            var cart = await created.Content.ReadFromJsonAsync<CartDto>(Json, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(cart?.CartId))
            {
                return (new JourneyResult(OutcomeKind.HttpError, (int)created.StatusCode, "create cart: no cartId"), null);
            }

            cartId = cart.CartId;
        }

        var quantity = Pick(3) + 1;
        using var added = await _client.PostAsJsonAsync($"carts/{cartId}/items", new { sku = PickSku(), quantity }, Json, cancellationToken).ConfigureAwait(false);
        return (Classify(added, "add item") ?? JourneyResult.Ok((int)added.StatusCode), cartId);
    }

    private async Task<JourneyResult> CheckoutAsync(VirtualUser user, CancellationToken cancellationToken) =>
        (await CheckOutCartAsync(user, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>Fills a cart and checks it out; the accepted order goes to the ledger and is returned with its cart.</summary>
    private async Task<(JourneyResult Result, string? CartId, AcceptedOrder? Order)> CheckOutCartAsync(VirtualUser user, CancellationToken cancellationToken)
    {
        var (cart, cartId) = await FillCartAsync(cancellationToken).ConfigureAwait(false);
        if (cart.Outcome != OutcomeKind.Success || cartId is null)
        {
            return (cart, null, null);
        }

        using var response = await _client.PostAsJsonAsync("checkout", new { cartId, email = $"shopper-{cartId}@example.test" }, Json, cancellationToken).ConfigureAwait(false);
        if (Classify(response, "checkout") is { } failed)
        {
            return (failed, null, null);
        }

        var result = await RecordAcceptedAsync(response, "checkout", user, cancellationToken).ConfigureAwait(false);
        return (result, cartId, result.Outcome == OutcomeKind.Success ? user.GetOrAdd(() => new VisitorState()).LastOrder : null);
    }

    /// <summary>
    /// Checks out a cart, then adds an item to the checked-out cart. A 2xx to the change is a breach (recorded in
    /// <see cref="Tamper"/>); the journey succeeds when the change is refused with 409.
    /// </summary>
    private async Task<JourneyResult> CartTamperAsync(VirtualUser user, CancellationToken cancellationToken)
    {
        var (checkout, cartId, order) = await CheckOutCartAsync(user, cancellationToken).ConfigureAwait(false);
        if (checkout.Outcome != OutcomeKind.Success || cartId is null || order is null)
        {
            return checkout;
        }

        using var changed = await _client.PostAsJsonAsync($"carts/{cartId}/items", new { sku = PickSku(), quantity = 1 }, Json, cancellationToken).ConfigureAwait(false);
        var code = (int)changed.StatusCode;
        Tamper.Record(cartId, order.OrderId, order.Status, code, _time.GetElapsedTime(_runStart));
        if (changed.StatusCode == HttpStatusCode.Conflict)
        {
            return JourneyResult.Ok(code);
        }

        return changed.IsSuccessStatusCode
            ? new JourneyResult(OutcomeKind.HttpError, code, $"change to checked-out cart accepted: {code}, expected 409")
            : Classify(changed, "change checked-out cart") ?? new JourneyResult(OutcomeKind.HttpError, code, $"change checked-out cart: {code}");
    }

    /// <summary>
    /// Null when the response is a success; otherwise the journey's result: an honest refusal (503 or 429 with
    /// <c>Retry-After</c>) is <see cref="OutcomeKind.Degraded"/>, anything else an <see cref="OutcomeKind.HttpError"/>.
    /// </summary>
    private static JourneyResult? Classify(HttpResponseMessage response, string step)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var code = (int)response.StatusCode;
        var honest = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests
            && response.Headers.RetryAfter is not null;
        return new JourneyResult(honest ? OutcomeKind.Degraded : OutcomeKind.HttpError, code, $"{step}: {code}");
    }

    private string PickSku() => _skus.Length == 0 ? "sku-001" : _skus[Pick(_skus.Length)];

    private int Pick(int exclusiveMax)
    {
        lock (_randomGate)
        {
            return _random.Next(exclusiveMax);
        }
    }

    private sealed record ProductDto(string Sku);

    private sealed record CartDto(string? CartId);

    private sealed record OrderDto(string? OrderId, string? Status, long Amount);
}
