using System.Globalization;
using Chaos.Simulators.Hosting;
using WireMock;
using WireMock.RequestBuilders;

namespace Chaos.Simulators.Tax;

/// <summary>
/// A tax (pricing) service on WireMock.Net, the checkout dependency of a bad deploy: <c>POST /v1/quotes</c> with the
/// cart's lines and subtotal in minor units answers <c>{ quoteId, subtotal, tax, total }</c> at a fixed rate, rounded
/// half-up, deterministically. Healthy by default; faults applied through <see cref="DependencySimulator.Faults"/> (a 500, a malformed or
/// truncated body, a hang) are rendered like every other simulator's and journalled under the route <c>quotes</c>.
/// </summary>
public sealed class TaxServiceSimulator : DependencySimulator
{
    /// <summary>The route name of <c>POST /v1/quotes</c>.</summary>
    public const string QuotesRoute = "quotes";

    /// <summary>The rate a simulator applies unless told otherwise: 8.25%.</summary>
    public const decimal DefaultRate = 0.0825m;

    private readonly decimal _rate;
    private long _sequence;

    private TaxServiceSimulator(TaxServiceSimulatorOptions options)
        : base(options.Name, options)
    {
        Name = options.Name;
        _rate = options.Rate;
        Map(Request.Create().WithPath("/v1/quotes").UsingPost(), QuotesRoute, Quote);
    }

    /// <summary>Gets the dependency name this simulator plays.</summary>
    public string Name { get; }

    /// <summary>Starts a simulator on loopback.</summary>
    public static TaxServiceSimulator Start(TaxServiceSimulatorOptions? options = null)
    {
        options ??= new TaxServiceSimulatorOptions();

        // Checked before the server starts, so a bad rate leaves no port open.
        if (options.Rate is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Rate, $"Tax rate {options.Rate.ToString(CultureInfo.InvariantCulture)} is outside [0, 1]; use 0.0825 for 8.25%.");
        }

        return new(options);
    }

    /// <summary>The tax on <paramref name="subtotal"/> minor units at <paramref name="rate"/>, rounded half-up to a whole minor unit.</summary>
    /// <param name="subtotal">The subtotal in minor units (cents), not negative.</param>
    /// <param name="rate">The rate in [0, 1], for example 0.0825.</param>
    public static long TaxOn(long subtotal, decimal rate) =>
        (long)decimal.Round(subtotal * rate, 0, MidpointRounding.AwayFromZero);

    private ResponseMessage Quote(IRequestMessage request)
    {
        var body = ReadJson<QuoteRequest>(request);
        if (body?.Lines is not { Count: > 0 } lines || lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity <= 0 || l.UnitPrice < 0))
        {
            return SimulatorResponses.Problem(400, "invalid_request_error", "A quote needs lines, each with a sku, a positive quantity and a unitPrice in minor units, and their subtotal.");
        }

        long sum;
        try
        {
            sum = lines.Sum(l => checked(l.Quantity * l.UnitPrice));
        }
        catch (OverflowException)
        {
            return SimulatorResponses.Problem(400, "invalid_request_error", "The lines' subtotal does not fit in 64 bits.");
        }

        if (body.Subtotal != sum)
        {
            return SimulatorResponses.Problem(400, "invalid_request_error", $"subtotal {body.Subtotal} is not the sum of the lines ({sum}).");
        }

        var tax = TaxOn(body.Subtotal, _rate);
        var quoteId = $"qt_{Interlocked.Increment(ref _sequence):D8}";
        return SimulatorResponses.Json(200, new { quoteId, subtotal = body.Subtotal, tax, total = body.Subtotal + tax });
    }

    private sealed record QuoteRequest(IReadOnlyList<QuoteLine>? Lines, long Subtotal, string? Currency);

    private sealed record QuoteLine(string? Sku, long Quantity, long UnitPrice);
}
