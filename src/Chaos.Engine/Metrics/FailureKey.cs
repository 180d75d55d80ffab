using Chaos.Engine.Load;

namespace Chaos.Engine.Metrics;

/// <summary>How a journey failed: its outcome and the status code of its last response (0 when there was none).</summary>
/// <param name="Outcome">The outcome, never <see cref="OutcomeKind.Success"/>.</param>
/// <param name="StatusCode">The last status code, or 0.</param>
public readonly record struct FailureKey(OutcomeKind Outcome, int StatusCode)
{
    /// <summary>
    /// Gets the kind as scenario files and messages name it: the status (<c>500</c>) for an HTTP error that has one,
    /// <c>degraded 503</c>, <c>timeout</c>, <c>connectionError</c>, <c>httpError</c> (no status) or <c>dropped</c>.
    /// </summary>
    public string Label => Outcome switch
    {
        OutcomeKind.HttpError when StatusCode > 0 => StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OutcomeKind.HttpError => "httpError",
        OutcomeKind.Degraded when StatusCode > 0 => "degraded " + StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OutcomeKind.Degraded => "degraded",
        OutcomeKind.Timeout => "timeout",
        OutcomeKind.ConnectionError => "connectionError",
        OutcomeKind.Dropped => "dropped",
        _ => Outcome.ToString(),
    };
}
