using Chaos.Engine.Faults;
using Chaos.Simulators.Hosting;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;

namespace Chaos.Simulators.Payments;

/// <summary>
/// A Stripe-like payment gateway on WireMock.Net: create a charge (idempotent by <c>Idempotency-Key</c>),
/// look a charge up by its key, capture. Healthy by default; faults applied through <see cref="DependencySimulator.Faults"/>.
/// </summary>
public sealed class PaymentGatewaySimulator : DependencySimulator
{
    /// <summary>The route name of <c>POST /v1/charges</c>.</summary>
    public const string ChargesRoute = "charges";

    /// <summary>The route name of <c>GET /v1/charges/by-key/{key}</c>.</summary>
    public const string LookupRoute = "lookup";

    /// <summary>The route name of <c>POST /v1/charges/{id}/capture</c>.</summary>
    public const string CaptureRoute = "capture";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredCharge> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredCharge> _byId = new(StringComparer.Ordinal);
    private long _sequence;

    private PaymentGatewaySimulator(PaymentGatewaySimulatorOptions options)
        : base(options.Name, options, options.ServiceTime)
    {
        Name = options.Name;
        Map(Request.Create().WithPath("/v1/charges").UsingPost(), ChargesRoute, CreateCharge, KeyOfCharge);
        Map(Request.Create().WithPath(new RegexMatcher("^/v1/charges/by-key/[^/]+$")).UsingGet(), LookupRoute, LookUp, KeyOfLookup);
        Map(Request.Create().WithPath(new RegexMatcher("^/v1/charges/[^/]+/capture$")).UsingPost(), CaptureRoute, Capture, SimulatorServer.IdempotencyKey);
    }

    /// <summary>Gets the dependency name this simulator plays.</summary>
    public string Name { get; }

    /// <summary>Starts a simulator on loopback.</summary>
    public static PaymentGatewaySimulator Start(PaymentGatewaySimulatorOptions? options = null) => new(options ?? new PaymentGatewaySimulatorOptions());

    /// <summary>
    /// The request key of a charge: its <c>Idempotency-Key</c> or, from a client that sends none, the order it charges,
    /// so that the retries of one checkout can still be counted.
    /// </summary>
    private static string? KeyOfCharge(IRequestMessage request) =>
        SimulatorServer.IdempotencyKey(request) ?? (ReadJson<ChargeRequest>(request) is { OrderId: { Length: > 0 } orderId } ? "order:" + orderId : null);

    private ResponseMessage CreateCharge(IRequestMessage request)
    {
        var body = ReadJson<ChargeRequest>(request);

        if (body is null || string.IsNullOrWhiteSpace(body.OrderId) || body.Amount <= 0)
        {
            return SimulatorResponses.Problem(400, "invalid_request_error", "A charge needs orderId and a positive amount.");
        }

        var key = SimulatorResponses.Header(request, "Idempotency-Key");
        var currency = string.IsNullOrWhiteSpace(body.Currency) ? "usd" : body.Currency;
        lock (_gate)
        {
            if (key is not null && _byKey.TryGetValue(key, out var existing))
            {
                if (existing.OrderId != body.OrderId || existing.Amount != body.Amount || existing.Currency != currency)
                {
                    return SimulatorResponses.Problem(409, "idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with.");
                }

                return SimulatorResponses.Json(200, existing.ToResponse(), ("Idempotent-Replayed", "true"));
            }

            var charge = new StoredCharge($"ch_{++_sequence:D8}", body.OrderId, body.Amount, currency, key, Captured: true);
            _byId[charge.Id] = charge;
            if (key is not null)
            {
                _byKey[key] = charge;
            }

            Journal.RecordCharge(new ChargeRecord(charge.Id, charge.OrderId, key, charge.Amount, Time.GetUtcNow()));
            return SimulatorResponses.Json(200, charge.ToResponse());
        }
    }

    /// <summary>The request key of a look-up: the idempotency key it looks up, so it counts with the charge it recovers.</summary>
    private static string? KeyOfLookup(IRequestMessage request) => Uri.UnescapeDataString(request.Path["/v1/charges/by-key/".Length..]);

    private ResponseMessage LookUp(IRequestMessage request)
    {
        var key = Uri.UnescapeDataString(request.Path["/v1/charges/by-key/".Length..]);
        lock (_gate)
        {
            return _byKey.TryGetValue(key, out var charge)
                ? SimulatorResponses.Json(200, charge.ToResponse())
                : SimulatorResponses.Problem(404, "resource_missing", $"No charge with idempotency key '{key}'.");
        }
    }

    private ResponseMessage Capture(IRequestMessage request)
    {
        var id = request.Path["/v1/charges/".Length..^"/capture".Length];
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var charge))
            {
                return SimulatorResponses.Problem(404, "resource_missing", $"No charge '{id}'.");
            }

            var captured = charge with { Captured = true };
            _byId[id] = captured;
            if (captured.IdempotencyKey is { } key)
            {
                _byKey[key] = captured;
            }

            return SimulatorResponses.Json(200, captured.ToResponse());
        }
    }

    private sealed record ChargeRequest(string? OrderId, long Amount, string? Currency);

    private sealed record StoredCharge(string Id, string OrderId, long Amount, string Currency, string? IdempotencyKey, bool Captured)
    {
        public object ToResponse() => new
        {
            id = Id,
            orderId = OrderId,
            amount = Amount,
            currency = Currency,
            status = Captured ? "succeeded" : "requires_capture",
            idempotencyKey = IdempotencyKey,
        };
    }
}
