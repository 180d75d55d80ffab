using Chaos.Engine.Journeys.Http;

namespace Chaos.Testing;

/// <summary>What a rehearsal adds to its scenario: settings for the service, journeys in C#, where reports go, the clock.</summary>
public sealed class RehearsalOptions
{
    /// <summary>
    /// Gets configuration set on the service's factory (<c>UseSetting</c>) on top of the simulated dependencies' URLs,
    /// for example <c>["Bank:RetryPosts"] = "false"</c> to try a fix.
    /// </summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets journeys written in C#, by name: the scenario's <c>load.journeys</c> may weigh them, and one named as a
    /// system file's journey replaces it. With any, the system file may leave out <c>journeys:</c>.
    /// </summary>
    public IDictionary<string, HttpJourney> Journeys { get; } = new Dictionary<string, HttpJourney>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the folder the reports are written to. Default: <c>TestResults/chaos/&lt;scenario&gt;-&lt;UTC time&gt;</c>
    /// under the current directory (the test project's output folder under <c>dotnet test</c>).
    /// </summary>
    public string? ReportsDirectory { get; set; }

    /// <summary>Gets or sets the factor applied to every arrival rate and number of virtual users (<c>--load-scale</c>). Default 1.</summary>
    public double LoadScale { get; set; } = 1;

    /// <summary>
    /// Gets or sets a value indicating whether the rehearsal stops its load and faults as soon as an expectation has
    /// failed, as <c>chaos run --fail-fast</c> does: a failing test fails sooner, the expectations whose data was not
    /// complete are reported as not judged, and the verdict is <c>fail</c>. Default false.
    /// </summary>
    public bool FailFast { get; set; }

    /// <summary>Gets or sets the run's clock. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Adds a journey written in C# (see <see cref="Journeys"/>).</summary>
    /// <param name="name">The journey's name, as the scenario's <c>load.journeys</c> weighs it.</param>
    /// <param name="journey">What one client does; it returns <see cref="JourneyOutcome.Ok"/>, <see cref="JourneyOutcome.Degraded"/> or <see cref="JourneyOutcome.Fail"/>.</param>
    /// <returns>These options.</returns>
    public RehearsalOptions WithJourney(string name, HttpJourney journey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(journey);
        Journeys[name] = journey;
        return this;
    }

    /// <summary>Sets a configuration value on the service (see <see cref="Settings"/>).</summary>
    /// <param name="key">The configuration key, for example <c>Bank:RetryPosts</c>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>These options.</returns>
    public RehearsalOptions WithSetting(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        Settings[key] = value;
        return this;
    }
}
