namespace Chaos.Simulators.Payments;

/// <summary>Options of a <see cref="PaymentGatewaySimulator"/>.</summary>
public sealed record PaymentGatewaySimulatorOptions
{
    /// <summary>Gets the dependency name the simulator plays.</summary>
    /// <value>Defaults to <c>payments.primary</c>.</value>
    public string Name { get; init; } = SimulatorSet.PaymentsPrimaryName;

    /// <summary>Gets the seed of the fault injection decisions.</summary>
    /// <value>Defaults to 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the loopback URL to listen on; port 0 picks a free port.</summary>
    /// <value>Defaults to <c>http://127.0.0.1:0</c>.</value>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>
    /// Gets how long the gateway takes to serve a healthy request (real gateways answer in hundreds of
    /// milliseconds, so a timeout below that fails every charge). Added to injected latency.
    /// </summary>
    /// <value>Defaults to zero.</value>
    public TimeSpan ServiceTime { get; init; }

    /// <summary>Gets the time provider for timestamps and injected latency.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
