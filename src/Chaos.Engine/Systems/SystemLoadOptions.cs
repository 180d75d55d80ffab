namespace Chaos.Engine.Systems;

/// <summary>How a system file is read when its service is not started from it (a test hosting the service in-process, a load agent).</summary>
/// <param name="HostedElsewhere">The service is hosted by the caller (a <c>WebApplicationFactory</c>): <c>service:</c> may be left out.</param>
/// <param name="CodeJourneys">Journeys the caller writes in C#: with any, <c>journeys:</c> may be left out, and scenarios may weigh these names.</param>
public sealed record SystemLoadOptions(bool HostedElsewhere, IReadOnlyCollection<string> CodeJourneys)
{
    /// <summary>Gets the options of the CLI: the system file says how its service runs and what its journeys are.</summary>
    public static SystemLoadOptions Default { get; } = new(false, []);

    /// <summary>
    /// Gets whether the files the system file names (its dependencies' mappings, its service's folder) are looked for and
    /// checked. False for a load agent: it runs the journeys only, and those files are its coordinator's.
    /// </summary>
    public bool ReadsFiles { get; init; } = true;

    /// <summary>
    /// Gets the text of the system file a scenario names, when that file is not on this machine (a load agent gets it
    /// from its coordinator); null to read the file.
    /// </summary>
    public string? SystemText { get; init; }

    /// <summary>Gets the options of a load agent: the system file as its coordinator sent it, read for its journeys and names.</summary>
    /// <param name="systemText">The system file's text.</param>
    /// <returns>The options.</returns>
    public static SystemLoadOptions ForAgent(string systemText) => new(true, []) { ReadsFiles = false, SystemText = systemText };
}
