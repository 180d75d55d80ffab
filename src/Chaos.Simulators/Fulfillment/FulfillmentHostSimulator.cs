using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;
using Chaos.Simulators.Hosting;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;

namespace Chaos.Simulators.Fulfillment;

/// <summary>
/// One fulfillment host on WireMock.Net: create a shipment (idempotent by <c>Idempotency-Key</c>) and look a shipment
/// up by its key. Healthy by default; faults applied through <see cref="DependencySimulator.Faults"/> (host down and flapping included), and
/// the host can be taken down by hand (<see cref="StopListening"/>: connection refused) and brought back on the same port
/// (<see cref="StartListening"/>).
/// </summary>
public sealed class FulfillmentHostSimulator : DependencySimulator
{
    /// <summary>The route name of <c>POST /v1/shipments</c>.</summary>
    public const string ShipmentsRoute = "shipments";

    /// <summary>The route name of <c>GET /v1/shipments/by-key/{key}</c>.</summary>
    public const string LookupRoute = "lookup";

    /// <summary>The prefix of a fulfillment host's dependency name: <c>fulfillment.&lt;name&gt;</c>.</summary>
    public const string DependencyPrefix = StorefrontVocabulary.FulfillmentPool + ".";

    private const string LookupPath = "/v1/shipments/by-key/";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredShipment> _byKey = new(StringComparer.Ordinal);
    private long _sequence;

    private FulfillmentHostSimulator(FulfillmentHostSimulatorOptions options)
        : base(DependencyPrefix + options.Name, options)
    {
        Name = options.Name;
        Tags = new Dictionary<string, string>(options.Tags, StringComparer.Ordinal);
        Map(Request.Create().WithPath("/v1/shipments").UsingPost(), ShipmentsRoute, CreateShipment, SimulatorServer.IdempotencyKey);
        Map(Request.Create().WithPath(new RegexMatcher("^/v1/shipments/by-key/[^/]+$")).UsingGet(), LookupRoute, LookUp, ShipmentKeyOfLookup);
    }

    /// <summary>Gets the host's name, for example <c>fc-win-1</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the dependency name this simulator plays: <c>fulfillment.&lt;name&gt;</c>.</summary>
    public string Dependency => DependencyPrefix + Name;

    /// <summary>Gets the host's tags, for example <c>os: windows</c>.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Gets a value indicating whether the host accepts connections. Its <see cref="DependencySimulator.BaseUrl"/> keeps its port across <see cref="StopListening"/> and <see cref="StartListening"/>.</summary>
    public bool IsListening => Server.IsListening;

    /// <summary>Starts a simulator on loopback.</summary>
    public static FulfillmentHostSimulator Start(FulfillmentHostSimulatorOptions? options = null) => new(options ?? new FulfillmentHostSimulatorOptions());

    /// <summary>
    /// Takes the host down: closes its port, so new connections are refused, until <see cref="StartListening"/>.
    /// Shipments it created are kept, as a host's disk survives a crash.
    /// </summary>
    public void StopListening() => Server.StopListening();

    /// <summary>Brings the host back on the same port, unless a host-down or flapping fault keeps it down.</summary>
    public void StartListening() => Server.StartListening();

    private ResponseMessage CreateShipment(IRequestMessage request)
    {
        var body = ReadJson<ShipmentRequest>(request);
        if (body is null || string.IsNullOrWhiteSpace(body.OrderId))
        {
            return SimulatorResponses.Problem(400, "invalid_request_error", "A shipment needs an orderId.");
        }

        var key = SimulatorResponses.Header(request, "Idempotency-Key");
        lock (_gate)
        {
            if (key is not null && _byKey.TryGetValue(key, out var existing))
            {
                if (existing.OrderId != body.OrderId)
                {
                    return SimulatorResponses.Problem(409, "idempotency_error", "Keys for idempotent requests can only be used with the same order they were first used with.");
                }

                return SimulatorResponses.Json(200, existing.ToResponse(), ("Idempotent-Replayed", "true"));
            }

            var shipment = new StoredShipment($"shp_{Name}_{++_sequence:D8}", body.OrderId, key, Name);
            if (key is not null)
            {
                _byKey[key] = shipment;
            }

            Journal.RecordShipment(new ShipmentRecord(shipment.Id, shipment.OrderId, key, Name, Time.GetUtcNow())
            {
                Amount = body.Amount,
                Lines = [.. (body.Items ?? []).Where(i => i?.Sku is not null).Select(i => new ShipmentLine(i!.Sku!, i.Quantity, i.UnitPrice))],
            });
            return SimulatorResponses.Json(201, shipment.ToResponse());
        }
    }

    /// <summary>The request key of a look-up: the shipment key it looks up, so it counts with the shipment it recovers.</summary>
    private static string? ShipmentKeyOfLookup(IRequestMessage request) => Uri.UnescapeDataString(request.Path[LookupPath.Length..]);

    private ResponseMessage LookUp(IRequestMessage request)
    {
        var key = Uri.UnescapeDataString(request.Path[LookupPath.Length..]);
        lock (_gate)
        {
            return _byKey.TryGetValue(key, out var shipment)
                ? SimulatorResponses.Json(200, shipment.ToResponse())
                : SimulatorResponses.Problem(404, "resource_missing", $"No shipment with idempotency key '{key}'.");
        }
    }

    private sealed record ShipmentRequest(string? OrderId, long Amount, IReadOnlyList<ShipmentRequestItem?>? Items);

    private sealed record ShipmentRequestItem(string? Sku, int Quantity, long UnitPrice);

    private sealed record StoredShipment(string Id, string OrderId, string? IdempotencyKey, string Host)
    {
        public object ToResponse() => new
        {
            shipmentId = Id,
            orderId = OrderId,
            host = Host,
            idempotencyKey = IdempotencyKey,
            status = "accepted",
        };
    }
}
