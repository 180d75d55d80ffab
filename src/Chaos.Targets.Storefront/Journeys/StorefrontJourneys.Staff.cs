using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Scenarios;

namespace Chaos.Targets.Storefront;

/// <summary>
/// The journeys of staff and of attackers: <c>staffLogin</c> (a new admin or POS sign-in), <c>staffSession</c> (an
/// already signed-in admin lists orders, a POS terminal records a sale), <c>adminProbe</c> (admin and POS asked with
/// credentials that must be refused), <c>credentialStuffing</c> (wrong passwords over many accounts from a few
/// addresses) and <c>trackOrder</c> (a customer reads an order's delivery estimate).
/// </summary>
public sealed partial class StorefrontJourneys
{
    /// <summary>A new admin or POS sign-in through the storefront's login (and so the identity provider).</summary>
    public const string StaffLogin = StorefrontVocabulary.StaffLoginJourney;

    /// <summary>An existing admin or POS session: its token was issued before the load started.</summary>
    public const string StaffSession = StorefrontVocabulary.StaffSessionJourney;

    /// <summary>Admin and POS asked with forged, foreign or missing credentials; every answer must refuse.</summary>
    public const string AdminProbe = StorefrontVocabulary.AdminProbeJourney;

    /// <summary>A credential-stuffing attempt: a wrong password for one of many accounts, from a few addresses.</summary>
    public const string CredentialStuffing = StorefrontVocabulary.CredentialStuffingJourney;

    /// <summary>A customer reads the status and delivery estimate of an order placed earlier in the run.</summary>
    public const string TrackOrder = StorefrontVocabulary.TrackOrderJourney;

    /// <summary>
    /// How long a paid order may wait for its shipment before its delivery estimate must say it is delayed: the
    /// compressed promise of the scenarios (their <c>Fulfillment:DelayedAfter</c> is 5 s; this leaves slack).
    /// </summary>
    public static readonly TimeSpan TrackOrderPromise = TimeSpan.FromSeconds(10);

    /// <summary>The password of every simulated account (the identity simulator's default).</summary>
    public const string StaffPassword = "peak-day-2026";

    private const int AdminAccounts = 50;
    private const int PosAccounts = 200;
    private const int SessionsPerRole = 4;
    private const int Botnet = 4;
    private const int CustomerAddresses = 64;

    private static readonly string[] StaffJourneyNames = [StaffLogin, StaffSession, AdminProbe];

    private readonly RSA _foreignKey = RSA.Create(2048);
    private string[] _adminSessions = [];
    private string[] _posSessions = [];
    private string? _customerToken;
    private long _logins;
    private long _sessions;
    private long _probes;
    private long _attempts;

    /// <summary>
    /// Signs in the sessions the staff journeys need before the load: a few admins and POS terminals whose tokens
    /// stand for sessions opened before the incident, and one customer whose token the access probe forges from.
    /// </summary>
    private async Task PrepareStaffAsync(IReadOnlyCollection<string> journeys, CancellationToken cancellationToken)
    {
        if (!journeys.Any(StaffJourneyNames.Contains))
        {
            return;
        }

        var admins = new string[SessionsPerRole];
        var terminals = new string[SessionsPerRole];
        for (var i = 0; i < SessionsPerRole; i++)
        {
            admins[i] = await SignInAsync(AdminAccount(AdminAccounts - i), cancellationToken).ConfigureAwait(false);
            terminals[i] = await SignInAsync(PosAccount(PosAccounts - i), cancellationToken).ConfigureAwait(false);
        }

        _adminSessions = admins;
        _posSessions = terminals;
        _customerToken = await SignInAsync("customer-1000@example.test", cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SignInAsync(string username, CancellationToken cancellationToken)
    {
        using var response = await LoginAsync(username, StaffPassword, ClientAddress(0), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Signing in {username} before the load failed with {(int)response.StatusCode}; the staff journeys need sessions opened before the incident.");
        }

        var login = await response.Content.ReadFromJsonAsync<LoginDto>(Json, cancellationToken).ConfigureAwait(false);
        return login?.AccessToken is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"The storefront's login answered {username} without an accessToken.");
    }

    private async Task<JourneyResult> StaffLoginAsync(VirtualUser user, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _logins);
        var admin = n % 4 == 0;
        var username = admin ? AdminAccount((int)(n / 4 % AdminAccounts) + 1) : PosAccount((int)(n % PosAccounts) + 1);
        using var response = await LoginAsync(username, StaffPassword, ClientAddress(n), cancellationToken).ConfigureAwait(false);
        if (Classify(response, "login") is { } failed)
        {
            return failed;
        }

        // The virtual user is now signed in: its next staff session uses this token, as a device stays signed in.
        var login = await response.Content.ReadFromJsonAsync<LoginDto>(Json, cancellationToken).ConfigureAwait(false);
        if (login?.AccessToken is not { Length: > 0 } token)
        {
            return new JourneyResult(OutcomeKind.HttpError, (int)response.StatusCode, "login: answered without an accessToken");
        }

        var state = user.GetOrAdd(() => new VisitorState());
        state.StaffToken = token;
        state.StaffIsAdmin = admin;
        return JourneyResult.Ok((int)response.StatusCode);
    }

    private async Task<JourneyResult> StaffSessionAsync(VirtualUser user, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _sessions);
        if (_adminSessions.Length == 0 || _posSessions.Length == 0)
        {
            return new JourneyResult(OutcomeKind.HttpError, 0, "staff session: no session was opened before the load");
        }

        // A virtual user that signed in keeps its own session; the others use one opened before the load.
        var own = user.State as VisitorState;
        var admin = own?.StaffToken is not null ? own.StaffIsAdmin : n % 4 == 0;
        if (admin)
        {
            using var list = new HttpRequestMessage(HttpMethod.Get, "admin/orders?limit=20");
            list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", own?.StaffToken ?? _adminSessions[n / 4 % _adminSessions.Length]);
            using var listed = await _client.SendAsync(list, cancellationToken).ConfigureAwait(false);
            return Classify(listed, "admin orders") ?? JourneyResult.Ok((int)listed.StatusCode);
        }

        using var sale = new HttpRequestMessage(HttpMethod.Post, "pos/sales") { Content = JsonContent.Create(new { sku = PickSku(), quantity = 1 }, options: Json) };
        sale.Headers.Authorization = new AuthenticationHeaderValue("Bearer", own?.StaffToken ?? _posSessions[n % _posSessions.Length]);
        using var sold = await _client.SendAsync(sale, cancellationToken).ConfigureAwait(false);
        if (Classify(sold, "pos sale") is { } failed)
        {
            return failed;
        }

        return await RecordAcceptedAsync(sold, "pos sale", user, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JourneyResult> AdminProbeAsync(CancellationToken cancellationToken)
    {
        if (_customerToken is not { } customer)
        {
            return new JourneyResult(OutcomeKind.HttpError, 0, "admin probe: no customer token to forge from");
        }

        var n = Interlocked.Increment(ref _probes);
        var kind = ForgedTokens.Kinds[(int)(n % ForgedTokens.Kinds.Count)];
        var toPos = n / ForgedTokens.Kinds.Count % 2 == 1;
        var token = ForgedTokens.Make(kind, customer, _foreignKey, toPos ? "pos" : "admin");
        using var request = toPos
            ? new HttpRequestMessage(HttpMethod.Post, "pos/sales") { Content = JsonContent.Create(new { sku = PickSku(), quantity = 1 }, options: Json) }
            : new HttpRequestMessage(HttpMethod.Get, "admin/orders?limit=1");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var code = (int)response.StatusCode;
        var surface = toPos ? "pos" : "admin";
        Access.Record(surface, kind, code, _time.GetElapsedTime(_runStart));
        return response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden
            ? JourneyResult.Ok(code)
            : new JourneyResult(OutcomeKind.HttpError, code, $"{surface} with {kind} credentials: {code}, expected 401 or 403");
    }

    private async Task<JourneyResult> CredentialStuffingAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _attempts);

        // Leaked lists mix real accounts with addresses the shop never had.
        var username = n % 3 == 0
            ? $"leaked-{n.ToString(CultureInfo.InvariantCulture)}@mail.example"
            : $"customer-{(Pick(1000) + 1).ToString(CultureInfo.InvariantCulture)}@example.test";
        var address = $"203.0.113.{(n % Botnet + 1).ToString(CultureInfo.InvariantCulture)}";
        using var response = await LoginAsync(username, "Summer2026!", address, cancellationToken).ConfigureAwait(false);

        // Judged from the shop's side, like adminProbe: a guess refused with 401 is the defence working, an honest 429
        // (rate limited, Retry-After) is degraded, a sign-in or a 5xx is a failure.
        return response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? JourneyResult.Ok(401)
            : response.IsSuccessStatusCode ? new JourneyResult(OutcomeKind.HttpError, (int)response.StatusCode, $"stuffing: {username} signed in with a wrong password")
            : Classify(response, "stuffing login")!.Value;
    }

    private async Task<JourneyResult> TrackOrderAsync(VirtualUser user, CancellationToken cancellationToken)
    {
        // A customer tracks the order they placed last; one who has placed none tracks someone's order by its link.
        var order = (user.State as VisitorState)?.LastOrder;
        if (order is null)
        {
            var orders = _ledger.Orders;
            if (orders.Count == 0)
            {
                // Nothing to track yet: the customer browses instead of failing for want of an order.
                return await BrowseAsync(cancellationToken).ConfigureAwait(false);
            }

            order = orders[Pick(orders.Count)];
        }

        using var response = await _client.GetAsync($"orders/{order.OrderId}", cancellationToken).ConfigureAwait(false);
        if (Classify(response, "track order") is { } failed)
        {
            return failed;
        }

        var tracked = await response.Content.ReadFromJsonAsync<TrackedOrderDto>(Json, cancellationToken).ConfigureAwait(false);
        var waited = _time.GetElapsedTime(_runStart) - order.At;
        if (tracked is { Status: AcceptedOrder.Paid, Shipping: { Status: "pending", Delayed: false } } && waited > TrackOrderPromise)
        {
            return new JourneyResult(OutcomeKind.HttpError, (int)response.StatusCode,
                $"track order: shipment pending {waited.TotalSeconds:0} s after the order and not marked delayed");
        }

        return JourneyResult.Ok((int)response.StatusCode);
    }

    private async Task<HttpResponseMessage> LoginAsync(string username, string password, string clientAddress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "login") { Content = JsonContent.Create(new { username, password }, options: Json) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", clientAddress);
        return await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JourneyResult> RecordAcceptedAsync(HttpResponseMessage response, string step, VirtualUser user, CancellationToken cancellationToken)
    {
        var order = await response.Content.ReadFromJsonAsync<OrderDto>(Json, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(order?.OrderId) || string.IsNullOrEmpty(order.Status))
        {
            return new JourneyResult(OutcomeKind.HttpError, (int)response.StatusCode, $"{step}: accepted without an order id");
        }

        var accepted = new AcceptedOrder(order.OrderId, order.Status, order.Amount, _time.GetElapsedTime(_runStart));
        _ledger.Add(accepted);
        user.GetOrAdd(() => new VisitorState()).LastOrder = accepted;
        return JourneyResult.Ok((int)response.StatusCode);
    }

    private static string AdminAccount(int i) => $"admin-{i.ToString(CultureInfo.InvariantCulture)}@example.test";

    private static string PosAccount(int i) => $"pos-{i.ToString(CultureInfo.InvariantCulture)}@example.test";

    /// <summary>Customers and staff come from many addresses; the storefront sees them through X-Forwarded-For.</summary>
    private static string ClientAddress(long n) => $"10.20.0.{(n % CustomerAddresses + 1).ToString(CultureInfo.InvariantCulture)}";

    private sealed record LoginDto(string? AccessToken);

    /// <summary>What a virtual user carries between its journeys: the order it placed last, its staff session.</summary>
    private sealed class VisitorState
    {
        public AcceptedOrder? LastOrder { get; set; }

        public string? StaffToken { get; set; }

        public bool StaffIsAdmin { get; set; }
    }

    private sealed record TrackedOrderDto(string? Status, ShippingDto? Shipping);

    private sealed record ShippingDto(string? Status, bool Delayed);
}
