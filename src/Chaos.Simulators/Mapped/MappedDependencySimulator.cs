using Chaos.Engine.Faults;
using Chaos.Engine.Systems;
using Chaos.Simulators.Hosting;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseProviders;
using WireMock.Settings;

namespace Chaos.Simulators.Mapped;

/// <summary>
/// The simulator of one system-file dependency (or one instance of its pool): a <see cref="SimulatorServer"/> that
/// serves the dependency's WireMock.Net JSON mapping files as WireMock loads them, with every mapping's response
/// wrapped in the fault decision of the route its request belongs to. A request is named by the first of the
/// dependency's routes that matches its method and path, or <see cref="UnnamedRoute"/>; a request no mapping matches
/// is answered 404 and journalled under <see cref="UnnamedRoute"/> too, so nothing the service sends goes unseen. Every
/// call is journalled with the trace id of its <c>traceparent</c>, also as its request key.
/// </summary>
public sealed class MappedDependencySimulator : DependencySimulator
{
    /// <summary>The route name of calls that match none of the dependency's named routes.</summary>
    public const string UnnamedRoute = "*";

    // Below every mapping a file can declare (WireMock serves the lowest priority number first).
    private const int CatchAllPriority = int.MaxValue;

    private readonly IReadOnlyList<RouteDefinition> _routes;

    /// <summary>Starts the simulator on <paramref name="url"/> (port 0 for a free one) and loads the mapping files.</summary>
    /// <param name="dependency">The dependency as the system file defines it.</param>
    /// <param name="name">The simulator's name: the dependency's, or the pool instance's.</param>
    /// <param name="faults">The fault injector of this simulator.</param>
    /// <param name="time">The time provider for latency, hangs and flapping.</param>
    /// <param name="url">Where to listen; defaults to a free loopback port.</param>
    public MappedDependencySimulator(DependencyDefinition dependency, string name, FaultInjector faults, TimeProvider time, string url = "http://127.0.0.1:0")
        : base(name, url, faults, time)
    {
        Name = name;
        try
        {
            ArgumentNullException.ThrowIfNull(dependency);
            _routes = dependency.Routes;
            LoadMappings(dependency.MappingFiles);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gets the simulator's name, as faults and journals refer to it.</summary>
    public string Name { get; }

    /// <summary>Names a request by the first named route that matches its method and path.</summary>
    internal string RouteOf(IRequestMessage request)
    {
        foreach (var route in _routes)
        {
            if (route.Matches(request.Method, request.Path))
            {
                return route.Name;
            }
        }

        return UnnamedRoute;
    }

    private void LoadMappings(IReadOnlyList<string> files)
    {
        var wireMock = Server.Server;
        foreach (var file in files)
        {
            // WireMock's own loader: whatever it accepts in a mapping file is served as it would serve it.
            wireMock.ReadStaticMappingAndAddOrUpdate(file);
        }

        foreach (var mapping in wireMock.Mappings.Where(m => !m.IsAdminInterface).ToArray())
        {
            wireMock.Given(mapping.RequestMatcher)
                .WithGuid(mapping.Guid)
                .WithTitle(mapping.Title ?? "")
                .AtPriority(mapping.Priority)
                .RespondWith(new FaultedProvider(this, mapping.Provider));
        }

        wireMock.Given(Request.Create().UsingAnyMethod().WithPath(new WildcardMatcher("*")))
            .AtPriority(CatchAllPriority)
            .RespondWith(new FaultedProvider(this, null));
    }

    /// <summary>Serves a mapping's own response (or the catch-all 404) inside the fault decision of the request's route.</summary>
    private sealed class FaultedProvider(MappedDependencySimulator simulator, IResponseProvider? inner) : IResponseProvider
    {
        public async Task<(IResponseMessage Message, IMapping? Mapping)> ProvideResponseAsync(IMapping mapping, IRequestMessage requestMessage, WireMockServerSettings settings)
        {
            var route = simulator.Server.Route(simulator.RouteOf, async request =>
            {
                if (inner is null)
                {
                    return SimulatorResponses.Problem(404, "no_mapping", $"No mapping of {simulator.Name} matches {request.Method} {request.Path}; add one to its mapping files.");
                }

                var (message, _) = await inner.ProvideResponseAsync(mapping, request, settings).ConfigureAwait(false);
                return message as ResponseMessage ?? throw new InvalidOperationException($"{simulator.Name}: the mapping '{mapping.Title}' answered with a {message.GetType().Name}, which faults cannot wrap.");
            }, SimulatorServer.TraceId); // the trace id is the request key: retriesPerRequest counts calls per journey
            return (await route(requestMessage).ConfigureAwait(false), null);
        }
    }
}
