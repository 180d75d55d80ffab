using System.Globalization;
using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;

namespace Chaos.Simulators.Fulfillment;

/// <summary>
/// A pool of <see cref="FulfillmentHostSimulator"/>s, one WireMock.Net server each, started from a list of names and
/// tags: for example six hosts, four of them <c>os: windows</c>, for the EDR scenario.
/// </summary>
public sealed class FulfillmentPool : IDisposable, IAsyncDisposable
{
    private readonly FulfillmentHostSimulator[] _hosts;

    private FulfillmentPool(FulfillmentHostSimulator[] hosts) => _hosts = hosts;

    /// <summary>Gets every host, in the order they were given.</summary>
    public IReadOnlyList<FulfillmentHostSimulator> Hosts => _hosts;

    /// <summary>Gets the host of that name.</summary>
    public FulfillmentHostSimulator this[string name] =>
        _hosts.FirstOrDefault(h => h.Name == name) ?? throw new KeyNotFoundException($"No fulfillment host is named '{name}'.");

    /// <summary>
    /// Starts one simulator per host on loopback (free ports). Host <c>i</c> gets seed <paramref name="seed"/> + i.
    /// </summary>
    /// <param name="hosts">Each host's name and tags, for example <c>("fc-win-1", { ["os"] = "windows" })</c>.</param>
    /// <param name="seed">The seed of the first host's fault decisions.</param>
    /// <param name="timeProvider">The time provider of every host; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="url">The URL host i listens on; null for a free loopback port each.</param>
    public static FulfillmentPool Start(IEnumerable<(string Name, IReadOnlyDictionary<string, string> Tags)> hosts, int seed = 1, TimeProvider? timeProvider = null, Func<int, string>? url = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var started = new List<FulfillmentHostSimulator>();
        try
        {
            foreach (var (name, tags) in hosts)
            {
                if (started.Any(h => h.Name == name))
                {
                    throw new ArgumentException($"Two fulfillment hosts are named '{name}'; give each host its own name.", nameof(hosts));
                }

                started.Add(FulfillmentHostSimulator.Start(new FulfillmentHostSimulatorOptions
                {
                    Name = name,
                    Tags = tags,
                    Seed = seed + started.Count,
                    TimeProvider = timeProvider ?? TimeProvider.System,
                    Url = url?.Invoke(started.Count) ?? "http://127.0.0.1:0",
                }));
            }
        }
        catch
        {
            foreach (var host in started)
            {
                host.Dispose();
            }

            throw;
        }

        return new FulfillmentPool([.. started]);
    }

    /// <summary>Starts <paramref name="count"/> hosts named <c>fc-&lt;os&gt;-&lt;n&gt;</c>: the first <paramref name="windows"/> tagged <c>os: windows</c>, the rest <c>os: linux</c>.</summary>
    public static FulfillmentPool StartWindowsAndLinux(int count, int windows, int seed = 1, TimeProvider? timeProvider = null, Func<int, string>? url = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windows, count);
        var hosts = Enumerable.Range(0, count).Select(i => i < windows
            ? ($"fc-win-{i + 1}", (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["os"] = "windows" })
            : ($"fc-linux-{i - windows + 1}", new Dictionary<string, string> { ["os"] = "linux" }));
        return Start(hosts, seed, timeProvider, url);
    }

    /// <summary>
    /// Starts the pool of two fulfillment centres: <paramref name="primary"/> hosts tagged <c>centre: primary</c> (the
    /// first <paramref name="windows"/> <c>fc-win-&lt;n&gt;</c> with <c>os: windows</c>, then <c>fc-linux-&lt;n&gt;</c>), then
    /// <paramref name="backup"/> hosts <c>fc-backup-&lt;n&gt;</c> tagged <c>os: linux</c> and <c>centre: backup</c>. The primary's
    /// hosts get the names and seeds <see cref="StartWindowsAndLinux"/> gives them.
    /// </summary>
    public static FulfillmentPool StartCentres(int primary, int windows, int backup, int seed = 1, TimeProvider? timeProvider = null, Func<int, string>? url = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windows, primary);
        ArgumentOutOfRangeException.ThrowIfNegative(backup);
        var hosts = Enumerable.Range(0, primary + backup).Select(i => i < windows
            ? ($"fc-win-{i + 1}", Tags("windows", StorefrontVocabulary.PrimaryCentre))
            : i < primary
                ? ($"fc-linux-{i - windows + 1}", Tags("linux", StorefrontVocabulary.PrimaryCentre))
                : ($"fc-backup-{i - primary + 1}", Tags("linux", StorefrontVocabulary.BackupCentre)));
        return Start(hosts, seed, timeProvider, url);

        static IReadOnlyDictionary<string, string> Tags(string os, string centre) =>
            new Dictionary<string, string> { ["os"] = os, [StorefrontVocabulary.CentreTag] = centre };
    }

    /// <summary>Gets the hosts whose tag <paramref name="tag"/> has <paramref name="value"/>, for example <c>os</c> = <c>windows</c>.</summary>
    public IReadOnlyList<FulfillmentHostSimulator> Tagged(string tag, string value) =>
        _hosts.Where(h => h.Tags.TryGetValue(tag, out var v) && string.Equals(v, value, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary>Gets every shipment every host created.</summary>
    public IReadOnlyList<ShipmentRecord> Shipments => _hosts.SelectMany(h => h.Journal.Shipments).OrderBy(s => s.At).ToArray();

    /// <summary>Gets the control surface of every host, for the fault player.</summary>
    public IReadOnlyList<IDependencyControl> Controls => _hosts.Select(h => h.Control).ToArray();

    /// <summary>
    /// The storefront configuration that points at this pool: <c>Fulfillment:Hosts:&lt;i&gt;:Name</c>, <c>:BaseUrl</c>
    /// and <c>:Tags:&lt;tag&gt;</c> for every host, and <c>:Centre</c> for a host tagged <c>centre</c>, ready for an in-memory
    /// source or <c>--Key=Value</c> arguments.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Configuration(string section = "Fulfillment:Hosts")
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _hosts.Length; i++)
        {
            var prefix = $"{section}:{i.ToString(CultureInfo.InvariantCulture)}";
            settings[$"{prefix}:Name"] = _hosts[i].Name;
            settings[$"{prefix}:BaseUrl"] = _hosts[i].BaseUrl.ToString();
            foreach (var (tag, value) in _hosts[i].Tags)
            {
                settings[$"{prefix}:Tags:{tag}"] = value;
            }

            if (_hosts[i].Tags.TryGetValue(StorefrontVocabulary.CentreTag, out var centre))
            {
                settings[$"{prefix}:Centre"] = centre;
            }
        }

        return settings;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
