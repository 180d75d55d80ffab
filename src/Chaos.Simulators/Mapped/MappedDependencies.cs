using Chaos.Engine.Faults;
using Chaos.Engine.Systems;

namespace Chaos.Simulators.Mapped;

/// <summary>
/// The simulated dependencies of a system file: one <see cref="MappedDependencySimulator"/> per dependency, or per
/// instance of a pool (named <c>dependency.instance</c>, with its tags for host cohorts), each on 127.0.0.1 at a free
/// port, with fault decisions drawn from the scenario's seed. Disposing stops them all.
/// </summary>
public sealed class MappedDependencies : IDisposable
{
    private readonly List<MappedDependencySimulator> _simulators;

    private MappedDependencies(List<MappedDependencySimulator> simulators, IReadOnlyDictionary<string, IReadOnlyList<Uri>> urls, IReadOnlyList<DependencyTarget> hosts)
    {
        _simulators = simulators;
        Urls = urls;
        Hosts = hosts;
    }

    /// <summary>Gets the simulators' base URLs by dependency name: one for a dependency, one per instance for a pool.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Uri>> Urls { get; }

    /// <summary>Gets the hosts of the pools with their tags, for host cohorts.</summary>
    public IReadOnlyList<DependencyTarget> Hosts { get; }

    /// <summary>Gets the simulators' control surfaces, one per dependency or pool host.</summary>
    public IReadOnlyList<IDependencyControl> Controls => [.. _simulators.Select(s => s.Control)];

    /// <summary>Starts a simulator for every dependency (every instance of a pool) of <paramref name="system"/>.</summary>
    /// <param name="system">The system file.</param>
    /// <param name="seed">The scenario's seed: simulator i draws its fault decisions from <c>seed + i + 1</c>.</param>
    /// <param name="time">The time provider of the simulated latencies and holds.</param>
    /// <returns>The started simulators; on a failure to start one, those already started are stopped.</returns>
    public static MappedDependencies Start(SystemDefinition system, int seed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(time);
        var simulators = new List<MappedDependencySimulator>();
        try
        {
            var urls = new Dictionary<string, IReadOnlyList<Uri>>(StringComparer.Ordinal);
            var hosts = new List<DependencyTarget>();
            foreach (var dependency in system.Dependencies)
            {
                var names = dependency.Instances.Count == 0 ? [dependency.Name] : dependency.Instances.Select(i => $"{dependency.Name}.{i.Name}").ToArray();
                var started = new List<Uri>();
                foreach (var name in names)
                {
                    var simulator = new MappedDependencySimulator(dependency, name, new FaultInjector(unchecked(seed + simulators.Count + 1)), time);
                    simulators.Add(simulator);
                    started.Add(simulator.BaseUrl);
                }

                hosts.AddRange(dependency.Instances.Select(i => new DependencyTarget($"{dependency.Name}.{i.Name}", i.Tags)));
                urls[dependency.Name] = started;
            }

            return new MappedDependencies(simulators, urls, hosts);
        }
        catch
        {
            foreach (var simulator in simulators)
            {
                simulator.Dispose();
            }

            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var simulator in _simulators)
        {
            simulator.Dispose();
        }
    }
}
