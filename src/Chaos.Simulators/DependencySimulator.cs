using System.Text.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Hosting;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Chaos.Simulators;

/// <summary>
/// What every simulator shares: a WireMock.Net server on its URL (127.0.0.1 with a free port by default) whose routes
/// render the fault decisions of <see cref="Faults"/> and journal every call in <see cref="Journal"/>, and the control
/// surface the fault player drives. Healthy until a fault rule is applied.
/// </summary>
public abstract class DependencySimulator : IDisposable, IAsyncDisposable
{
    private protected DependencySimulator(string dependency, string url, FaultInjector faults, TimeProvider time, TimeSpan serviceTime = default)
    {
        Time = time;
        Faults = faults;
        Journal = new SimulatorJournal();
        Server = new SimulatorServer(url, faults, Journal, time) { ServiceTime = serviceTime };
        Control = new InProcessDependencyControl(dependency, faults, Journal);
    }

    /// <summary>Starts the server of <paramref name="dependency"/> where <paramref name="options"/> say, with fault decisions from their seed.</summary>
    private protected DependencySimulator(string dependency, DependencySimulatorOptions options, TimeSpan serviceTime = default)
        : this(dependency, options.Url, new FaultInjector(options.Seed), options.TimeProvider, serviceTime)
    {
    }

    /// <summary>Gets the base URL, on 127.0.0.1 unless bound elsewhere.</summary>
    public Uri BaseUrl => Server.BaseUrl;

    /// <summary>Gets the fault rules applied to this simulator.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Gets the journal of calls (and of what the simulator recorded: charges, shipments).</summary>
    public SimulatorJournal Journal { get; }

    /// <summary>Gets the control surface the fault player drives.</summary>
    public IDependencyControl Control { get; }

    private protected SimulatorServer Server { get; }

    /// <summary>Gets the simulator's clock, for the times it records (charges, shipments, tokens).</summary>
    private protected TimeProvider Time { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the server; a simulator that holds more (a signing key) releases it too.</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Server.Dispose();
        }
    }

    /// <summary>Serves <paramref name="request"/>'s matches as route <paramref name="route"/>, inside each call's fault decision.</summary>
    private protected void Map(IRequestBuilder request, string route, Func<IRequestMessage, ResponseMessage> serve, Func<IRequestMessage, string?>? requestKey = null) =>
        Server.Server.Given(request).RespondWith(Response.Create().WithCallback(Server.Route(route, serve, requestKey)));

    /// <summary>Reads a request's JSON body, or <see langword="null"/> when it is missing or not JSON of that shape.</summary>
    private protected static T? ReadJson<T>(IRequestMessage request)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(request.Body ?? "", SimulatorResponses.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
