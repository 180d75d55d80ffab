namespace Chaos.Engine.Systems;

/// <summary>How a system file is read when its service is not started from it (a test hosting the service in-process).</summary>
/// <param name="HostedElsewhere">The service is hosted by the caller (a <c>WebApplicationFactory</c>): <c>service:</c> may be left out.</param>
/// <param name="CodeJourneys">Journeys the caller writes in C#: with any, <c>journeys:</c> may be left out, and scenarios may weigh these names.</param>
public sealed record SystemLoadOptions(bool HostedElsewhere, IReadOnlyCollection<string> CodeJourneys)
{
    /// <summary>Gets the options of the CLI: the system file says how its service runs and what its journeys are.</summary>
    public static SystemLoadOptions Default { get; } = new(false, []);
}
