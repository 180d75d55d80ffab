namespace Chaos.Engine.Reports;

/// <summary>
/// A Polly pipeline of the service and the events it reported over the run; a pipeline kept per endpoint of a pool
/// (<c>SelectPipelineByAuthority()</c>) has one per host.
/// </summary>
/// <param name="Pipeline">Its <c>pipeline.name</c>, for example <c>BankClient-standard</c>.</param>
/// <param name="Dependency">The dependency whose <c>pipeline:</c> names it (the host of a pool, <c>bank.eu-1</c>, for that host's instance of the pipeline), or null.</param>
/// <param name="Events">Event counts by <c>event.name</c> (OnRetry, OnTimeout, OnCircuitOpened, ...).</param>
public sealed record PipelineReport(string Pipeline, string? Dependency, IReadOnlyDictionary<string, long> Events);
