using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BankTransfers;

/// <summary><c>POST /payments</c> (a transfer at the bank), <c>GET /payments/{id}</c> and <c>GET /health</c>.</summary>
public static class PaymentEndpoints
{
    /// <summary>How long a client should wait before trying again when the bank is unavailable.</summary>
    private const string RetryAfterSeconds = "5";

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application's routes.</param>
    /// <returns>The same routes.</returns>
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var payments = new ConcurrentDictionary<string, Payment>(StringComparer.Ordinal);
        app.MapGet("/health", () => TypedResults.Ok("ok"));
        app.MapGet("/payments/{id}", Results<Ok<Payment>, NotFound> (string id) =>
            payments.TryGetValue(id, out var payment) ? TypedResults.Ok(payment) : TypedResults.NotFound());
        app.MapPost("/payments", async Task<Results<Created<Payment>, ValidationProblem, ProblemHttpResult>> (
            PaymentRequest request, BankClient bank, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (request.Amount <= 0)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["amount"] = ["must be above 0"] });
            }

            var reference = string.IsNullOrWhiteSpace(request.Reference) ? Guid.CreateVersion7().ToString("N") : request.Reference;
            try
            {
                var transferId = await bank.TransferAsync(request.Amount, reference, cancellationToken);
                if (transferId is null)
                {
                    return TypedResults.Problem("The bank refused the transfer.", statusCode: StatusCodes.Status502BadGateway);
                }

                var payment = new Payment(Guid.CreateVersion7().ToString("N"), transferId, request.Amount, reference);
                payments[payment.PaymentId] = payment;
                return TypedResults.Created($"/payments/{payment.PaymentId}", payment);
            }
            catch (Exception ex) when (ex is BrokenCircuitException or TimeoutRejectedException or HttpRequestException)
            {
                // The bank is unavailable (breaker open, too slow, or failing): an honest, fast refusal the client can retry later.
                http.Response.Headers.RetryAfter = RetryAfterSeconds;
                return TypedResults.Problem("The bank is unavailable; try again later.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }

    /// <summary>A payment asked for by a client.</summary>
    /// <param name="Amount">The amount, in minor units.</param>
    /// <param name="Reference">The client's reference, or null for a new one.</param>
    public sealed record PaymentRequest(long Amount, string? Reference);

    /// <summary>A payment made.</summary>
    /// <param name="PaymentId">Its id.</param>
    /// <param name="TransferId">The bank's transfer id.</param>
    /// <param name="Amount">The amount, in minor units.</param>
    /// <param name="Reference">Its reference.</param>
    public sealed record Payment(string PaymentId, string TransferId, long Amount, string Reference);
}
