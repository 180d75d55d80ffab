using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace Chaos.Simulators.Recording;

/// <summary>
/// A WireMock.Net server on 127.0.0.1 in proxy-and-record mode in front of one real dependency: every call the service
/// makes to it is forwarded to <see cref="Upstream"/> and answered with the real answer, and each call with its answer
/// is kept for <see cref="RecordedMappings"/>. Nothing is answered from the recording while it records (WireMock's
/// <c>SaveMapping</c> is off), so the service sees exactly the real dependency.
/// </summary>
public sealed class DependencyRecorder : IDisposable
{
    private readonly WireMockServer _server;

    /// <summary>Starts the recorder on a free loopback port.</summary>
    /// <param name="name">The dependency's name, as the system file names it (<c>bank</c>).</param>
    /// <param name="upstream">The real dependency's base URL.</param>
    public DependencyRecorder(string name, Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(upstream);
        Name = name;
        Upstream = upstream;
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            // A port alone would listen on every interface.
            Urls = ["http://127.0.0.1:0"],
            StartAdminInterface = false,
            ReadStaticMappings = false,
            ProxyAndRecordSettings = new ProxyAndRecordSettings
            {
                Url = upstream.AbsoluteUri.TrimEnd('/'),
                SaveMapping = false,
                SaveMappingToFile = false,
            },
        });
    }

    /// <summary>Gets the dependency's name.</summary>
    public string Name { get; }

    /// <summary>Gets the real dependency the calls are forwarded to.</summary>
    public Uri Upstream { get; }

    /// <summary>Gets the URL the service is pointed at instead of the real dependency.</summary>
    public Uri BaseUrl => new(_server.Urls[0].TrimEnd('/') + "/");

    /// <summary>Gets every call recorded so far, in arrival order, with its answer.</summary>
    public IReadOnlyList<ILogEntry> Calls => [.. _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime)];

    /// <summary>Gets the recorded calls as WireMock.Net JSON mappings (see <see cref="RecordedMappings"/>).</summary>
    public RecordedMappings RecordedMappings() => Recording.RecordedMappings.From(Name, Calls);

    /// <inheritdoc />
    public void Dispose() => _server.Stop();
}
