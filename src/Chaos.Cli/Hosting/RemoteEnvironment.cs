using Chaos.Simulators;
using Chaos.Simulators.Remote;
using Chaos.Targets.Storefront;

namespace Chaos.Cli.Hosting;

/// <summary>
/// A storefront and simulators started by someone else (<c>chaos simulate</c>, docker-compose, another host), driven by
/// URL: faults through the simulators' control endpoint, reconciliation through the storefront's admin API.
/// Disposing it stops nothing but its own clients.
/// </summary>
internal sealed class RemoteEnvironment : IRunEnvironment
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AdminAcceptTimeout = TimeSpan.FromSeconds(30);

    private readonly SimulatorControlClient _simulators;

    private RemoteEnvironment(SimulatorControlClient simulators, StorefrontTarget target)
    {
        _simulators = simulators;
        Target = target;
    }

    /// <inheritdoc />
    public StorefrontTarget Target { get; }

    /// <summary>Gets the simulated dependencies as the control endpoint lists them.</summary>
    public IReadOnlyList<ControlDependency> Dependencies => _simulators.Dependencies;

    /// <summary>
    /// Connects to the control endpoint at <paramref name="simulatorsUrl"/> and makes the target of the storefront at
    /// <paramref name="storefrontUrl"/>. Credentials: <paramref name="admin"/> when given; otherwise the harness logs in as
    /// <paramref name="adminUser"/> once the storefront is ready.
    /// </summary>
    /// <exception cref="InvalidOperationException">The control endpoint, the storefront or its login failed; the message names the URL.</exception>
    public static async Task<RemoteEnvironment> ConnectAsync(
        Uri storefrontUrl, Uri simulatorsUrl, StorefrontCredentials? admin, string adminUser, string adminPassword, TimeProvider time, CancellationToken cancellationToken)
    {
        var storefront = storefrontUrl.AbsoluteUri.EndsWith('/') ? storefrontUrl : new Uri(storefrontUrl.AbsoluteUri + "/");
        var simulators = await ConnectWithRetryAsync(simulatorsUrl, time, cancellationToken).ConfigureAwait(false);
        try
        {
            if (admin is null)
            {
                // Log in once the storefront is ready (/health/ready takes no credentials; the client wants some).
                using (var probe = new StorefrontClient(storefront, StorefrontCredentials.AdminKey("none")))
                {
                    await probe.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), time, cancellationToken).ConfigureAwait(false);
                }

                admin = await AdminSignIn.LoginAsync(storefront, adminUser, adminPassword, time, cancellationToken).ConfigureAwait(false);
            }

            await AdminSignIn.WaitUntilAcceptedAsync(storefront, admin, AdminAcceptTimeout, time, cancellationToken).ConfigureAwait(false);

            return new RemoteEnvironment(simulators, new StorefrontTarget(storefront, admin, simulators.Controls) { Hosts = SimulatorSet.HostTargets(simulators.Dependencies) });
        }
        catch
        {
            simulators.Dispose();
            throw;
        }
    }

    /// <summary>Connects to the control endpoint, retrying while it starts (docker-compose starts containers in order, not when ready).</summary>
    private static async Task<SimulatorControlClient> ConnectWithRetryAsync(Uri url, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (true)
        {
            try
            {
                return await SimulatorControlClient.ConnectAsync(url, timeout: null, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (time.GetElapsedTime(start) < ConnectTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _simulators.Dispose();
        return ValueTask.CompletedTask;
    }
}
