namespace Chaos.Simulators.Payments;

/// <summary>Options of a <see cref="PaymentGatewaySimulator"/>.</summary>
public sealed record PaymentGatewaySimulatorOptions : DependencySimulatorOptions
{
    /// <summary>Gets the dependency name the simulator plays.</summary>
    /// <value>Defaults to <c>payments.primary</c>.</value>
    public string Name { get; init; } = SimulatorSet.PaymentsPrimaryName;

    /// <summary>
    /// Gets how long the gateway takes to serve a healthy request (real gateways answer in hundreds of
    /// milliseconds, so a timeout below that fails every charge). Added to injected latency.
    /// </summary>
    /// <value>Defaults to zero.</value>
    public TimeSpan ServiceTime { get; init; }
}
