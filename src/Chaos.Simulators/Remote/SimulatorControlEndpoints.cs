using System.Text.Json;
using Chaos.Engine.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chaos.Simulators.Remote;

/// <summary>
/// Maps the control endpoint of a <see cref="SimulatorSet"/> under <c>/control</c>:
/// <c>GET /control/dependencies</c>, <c>PUT</c> and <c>DELETE /control/dependencies/{name}/faults/{rule}</c>
/// (the body of a PUT is the <see cref="FaultRule"/> as JSON) and <c>GET /control/dependencies/{name}/journal</c>.
/// </summary>
internal static class SimulatorControlEndpoints
{
    public static IEndpointRouteBuilder MapSimulatorControlEndpoints(this IEndpointRouteBuilder endpoints, IReadOnlyList<SimulatedDependency> dependencies)
    {
        var byName = dependencies.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var control = endpoints.MapGroup("/control");
        control.MapGet("/dependencies", () => Results.Json(dependencies.Select(d => new ControlDependency(d.Name, d.BaseUrl, d.Tags)), ControlJson.Options));
        control.MapPut("/dependencies/{name}/faults/{rule}", async (string name, string rule, HttpRequest request, CancellationToken cancellationToken) =>
        {
            if (!byName.TryGetValue(name, out var dependency))
            {
                return UnknownDependency(name, byName.Keys);
            }

            FaultRule? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<FaultRule>(request.Body, ControlJson.Options, cancellationToken);
            }
            catch (JsonException ex)
            {
                return Problem(400, $"The body is not a fault rule: {ex.Message.TrimEnd('.')}. Send the FaultRule as JSON, for example {{\"name\":\"outage\",\"route\":null,\"fault\":{{\"kind\":\"Status\",\"statusCode\":503}}}}.");
            }

            if (body is null || body.Fault is null)
            {
                return Problem(400, "The body has no fault rule; send {\"name\": ..., \"route\": ..., \"fault\": {...}}.");
            }

            if (!string.Equals(body.Name, rule, StringComparison.Ordinal))
            {
                return Problem(400, $"The rule in the URL is '{rule}' but the body names '{body.Name}'; use the same name in both.");
            }

            await dependency.Control.ApplyAsync(body, cancellationToken);
            return Results.NoContent();
        });
        control.MapDelete("/dependencies/{name}/faults/{rule}", async (string name, string rule, CancellationToken cancellationToken) =>
        {
            if (!byName.TryGetValue(name, out var dependency))
            {
                return UnknownDependency(name, byName.Keys);
            }

            await dependency.Control.ClearAsync(rule, cancellationToken);
            return Results.NoContent();
        });
        control.MapGet("/dependencies/{name}/journal", async (string name, CancellationToken cancellationToken) =>
        {
            if (!byName.TryGetValue(name, out var dependency))
            {
                return UnknownDependency(name, byName.Keys);
            }

            return Results.Json(await dependency.Control.ReadJournalAsync(cancellationToken), ControlJson.Options);
        });
        return endpoints;
    }

    private static IResult UnknownDependency(string name, IEnumerable<string> known) =>
        Problem(404, $"No simulated dependency is named '{name}'; use one of {string.Join(", ", known)}.");

    private static IResult Problem(int statusCode, string detail) => Results.Problem(statusCode: statusCode, detail: detail);
}
