using System.Globalization;
using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;
using Chaos.Simulators.Fulfillment;
using Chaos.Simulators.Identity;
using Chaos.Simulators.Payments;
using Chaos.Simulators.Remote;
using Chaos.Simulators.Tax;

namespace Chaos.Simulators;

/// <summary>
/// Every simulated dependency of the storefront, started together from one <see cref="SimulatorSetOptions"/>: the
/// primary and secondary payment gateways, the identity provider, the pool of fulfillment hosts and the tax service. The run command hosts a set in its own process;
/// <c>chaos simulate</c> hosts one behind a control endpoint for a storefront elsewhere. A new simulator is added here.
/// </summary>
public sealed class SimulatorSet : IDisposable, IAsyncDisposable
{
    /// <summary>The dependency name of the primary payment gateway.</summary>
    public const string PaymentsPrimaryName = StorefrontVocabulary.PaymentsPrimaryDependency;

    /// <summary>The dependency name of the secondary payment gateway.</summary>
    public const string PaymentsSecondaryName = StorefrontVocabulary.PaymentsSecondaryDependency;

    /// <summary>The dependency name of the identity provider.</summary>
    public const string IdentityName = StorefrontVocabulary.IdentityDependency;

    /// <summary>The dependency name of the tax service, which checkout asks for a quote.</summary>
    public const string TaxName = StorefrontVocabulary.TaxDependency;

    private readonly List<IDisposable> _started;

    private SimulatorSet(PaymentGatewaySimulator primary, PaymentGatewaySimulator secondary, IdentityProviderSimulator identity, FulfillmentPool fulfillment, TaxServiceSimulator tax)
    {
        PrimaryGateway = primary;
        SecondaryGateway = secondary;
        IdentityProvider = identity;
        Fulfillment = fulfillment;
        Tax = tax;
        _started = [primary, secondary, identity, fulfillment, tax];
        Dependencies =
        [
            new SimulatedDependency(primary.Name, primary.BaseUrl, primary.Control),
            new SimulatedDependency(secondary.Name, secondary.BaseUrl, secondary.Control),
            new SimulatedDependency(identity.Name, identity.PublicUrl, identity.Control),
            .. fulfillment.Hosts.Select(h => new SimulatedDependency(h.Dependency, h.BaseUrl, h.Control, h.Tags)),
            new SimulatedDependency(tax.Name, tax.BaseUrl, tax.Control),
        ];
    }

    /// <summary>Gets the primary payment gateway.</summary>
    public PaymentGatewaySimulator PrimaryGateway { get; }

    /// <summary>Gets the secondary payment gateway.</summary>
    public PaymentGatewaySimulator SecondaryGateway { get; }

    /// <summary>Gets the identity provider.</summary>
    public IdentityProviderSimulator IdentityProvider { get; }

    /// <summary>Gets the pool of fulfillment hosts.</summary>
    public FulfillmentPool Fulfillment { get; }

    /// <summary>Gets the tax service.</summary>
    public TaxServiceSimulator Tax { get; }

    /// <summary>Gets every simulated dependency: its name, base URL and control surface.</summary>
    public IReadOnlyList<SimulatedDependency> Dependencies { get; }

    /// <summary>Gets the control surface of every simulated dependency, for the fault player.</summary>
    public IReadOnlyList<IDependencyControl> Controls => Dependencies.Select(d => d.Control).ToArray();

    /// <summary>Starts every simulator; on a failure, stops those already started and rethrows.</summary>
    public static SimulatorSet Start(SimulatorSetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var started = new List<IDisposable>();
        try
        {
            var primary = Track(started, PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions
            {
                Name = PaymentsPrimaryName,
                ServiceTime = options.PaymentServiceTime,
                Seed = options.Seed,
                Url = Url(options.BindAddress, options.PaymentsPrimaryPort),
                TimeProvider = options.TimeProvider,
            }));
            var secondary = Track(started, PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions
            {
                Name = PaymentsSecondaryName,
                ServiceTime = options.PaymentServiceTime,
                Seed = unchecked(options.Seed + 1),
                Url = Url(options.BindAddress, options.PaymentsSecondaryPort),
                TimeProvider = options.TimeProvider,
            }));
            var identity = Track(started, IdentityProviderSimulator.Start(new IdentityProviderSimulatorOptions
            {
                Name = IdentityName,
                Seed = unchecked(options.Seed + 2),
                Url = Url(options.BindAddress, options.IdentityPort),
                PublicUrl = options.IdentityPublicUrl,
                TimeProvider = options.TimeProvider,
            }));
            var fulfillment = Track(started, FulfillmentPool.StartCentres(
                options.FulfillmentHosts,
                options.WindowsFulfillmentHosts,
                options.BackupFulfillmentHosts,
                unchecked(options.Seed + 3),
                options.TimeProvider,
                i => Url(options.BindAddress, options.FulfillmentBasePort == 0 ? 0 : options.FulfillmentBasePort + i)));
            var tax = Track(started, TaxServiceSimulator.Start(new TaxServiceSimulatorOptions
            {
                Name = TaxName,

                // Past the seeds of the largest fulfillment pool (64 hosts from Seed + 3).
                Seed = unchecked(options.Seed + 100),
                Url = Url(options.BindAddress, options.TaxPort),
                TimeProvider = options.TimeProvider,
            }));
            return new SimulatorSet(primary, secondary, identity, fulfillment, tax);
        }
        catch
        {
            foreach (var simulator in started)
            {
                simulator.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The storefront configuration that points at these dependencies (<c>Payments:Primary:BaseUrl</c>,
    /// <c>Payments:Secondary:BaseUrl</c>, <c>Identity:Authority</c>, <c>Fulfillment:Hosts:&lt;i&gt;:*</c>, <c>Tax:BaseUrl</c>), for an
    /// in-memory source or <c>--Key=Value</c> arguments. Dependencies the storefront has no key for are left out.
    /// </summary>
    /// <param name="dependencies">Each dependency's name, the base URL the storefront reaches it by, and its tags.</param>
    public static IReadOnlyDictionary<string, string?> StorefrontConfiguration(IEnumerable<ControlDependency> dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var host = 0;
        foreach (var (name, baseUrl, tags) in dependencies)
        {
            if (name.StartsWith(FulfillmentHostSimulator.DependencyPrefix, StringComparison.Ordinal))
            {
                var prefix = $"Fulfillment:Hosts:{host++.ToString(CultureInfo.InvariantCulture)}";
                settings[$"{prefix}:Name"] = name[FulfillmentHostSimulator.DependencyPrefix.Length..];
                settings[$"{prefix}:BaseUrl"] = baseUrl.AbsoluteUri;
                foreach (var (tag, value) in tags ?? new Dictionary<string, string>())
                {
                    settings[$"{prefix}:Tags:{tag}"] = value;
                }

                if (tags is not null && tags.TryGetValue(StorefrontVocabulary.CentreTag, out var centre))
                {
                    settings[$"{prefix}:Centre"] = centre;
                }

                continue;
            }

            var key = name switch
            {
                PaymentsPrimaryName => "Payments:Primary:BaseUrl",
                PaymentsSecondaryName => "Payments:Secondary:BaseUrl",
                IdentityName => "Identity:Authority",
                TaxName => "Tax:BaseUrl",
                _ => null,
            };
            if (key is not null)
            {
                settings[key] = baseUrl.AbsoluteUri;
            }
        }

        return settings;
    }

    /// <summary>The storefront configuration that points at this set.</summary>
    public IReadOnlyDictionary<string, string?> StorefrontConfiguration() =>
        StorefrontConfiguration(Dependencies.Select(d => new ControlDependency(d.Name, d.BaseUrl, d.Tags)));

    /// <summary>The fulfillment hosts as fault targets: name and tags, for cohort faults (<c>hosts: { tags: { os: windows } }</c>).</summary>
    public static IReadOnlyList<Chaos.Engine.Faults.DependencyTarget> HostTargets(IEnumerable<ControlDependency> dependencies) =>
        dependencies.Where(d => d.Name.StartsWith(FulfillmentHostSimulator.DependencyPrefix, StringComparison.Ordinal))
            .Select(d => new Chaos.Engine.Faults.DependencyTarget(d.Name, d.Tags ?? new Dictionary<string, string>()))
            .ToArray();

    /// <summary>This set's fulfillment hosts as fault targets.</summary>
    public IReadOnlyList<Chaos.Engine.Faults.DependencyTarget> HostTargets() =>
        HostTargets(Dependencies.Select(d => new ControlDependency(d.Name, d.BaseUrl, d.Tags)));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var simulator in _started)
        {
            simulator.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Url(string bindAddress, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"http://{bindAddress}:{port}");

    private static T Track<T>(List<IDisposable> started, T simulator)
        where T : IDisposable
    {
        started.Add(simulator);
        return simulator;
    }
}

/// <summary>One simulated dependency of a <see cref="SimulatorSet"/>.</summary>
/// <param name="Name">The dependency name, for example <c>payments.primary</c>.</param>
/// <param name="BaseUrl">The base URL it listens on.</param>
/// <param name="Control">Its control surface.</param>
/// <param name="Tags">Its tags (fulfillment hosts: <c>os</c>), if any.</param>
public sealed record SimulatedDependency(string Name, Uri BaseUrl, IDependencyControl Control, IReadOnlyDictionary<string, string>? Tags = null);
