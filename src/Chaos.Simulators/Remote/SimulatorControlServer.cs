using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Chaos.Simulators.Remote;

/// <summary>
/// The control endpoint of a <see cref="SimulatorSet"/>: a small Kestrel app through which a fault player in another
/// process (<see cref="RemoteDependencyControl"/>) applies and clears fault rules and reads journals.
/// </summary>
public sealed class SimulatorControlServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorControlServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Gets the control endpoint's base URL.</summary>
    public Uri Url { get; }

    /// <summary>Starts the control endpoint of <paramref name="simulators"/>.</summary>
    /// <param name="simulators">The simulators it controls.</param>
    /// <param name="bindAddress">The address to bind to, for example <c>127.0.0.1</c>.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SimulatorControlServer> StartAsync(SimulatorSet simulators, string bindAddress, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulators);
        if (!IPAddress.TryParse(bindAddress, out var address))
        {
            throw new ArgumentException($"bind address '{bindAddress}' is not an IP address; use 127.0.0.1.", nameof(bindAddress));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(address, port));
        var app = builder.Build();
        app.MapSimulatorControlEndpoints(simulators.Dependencies);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SimulatorControlServer(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
