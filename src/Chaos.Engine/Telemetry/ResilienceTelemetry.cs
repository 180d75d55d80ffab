namespace Chaos.Engine.Telemetry;

/// <summary>The resilience telemetry sources the Engine offers (a child process's is in Chaos.Cli, over EventPipe).</summary>
public static class ResilienceTelemetry
{
    /// <summary>
    /// A source reading Polly's meter in this process (a service hosted in the test or the runner), with a
    /// <see cref="System.Diagnostics.Metrics.MeterListener"/>. Call <see cref="IResilienceTelemetrySource.StartAsync"/>
    /// before the pipelines run: a listener sees no measurement made before it started.
    /// </summary>
    /// <param name="time">The run's clock; events are stamped with it.</param>
    /// <returns>The source, not started.</returns>
    public static IResilienceTelemetrySource InProcess(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new MeterResilienceTelemetrySource(time);
    }
}
