namespace Chaos.Engine.Load;

/// <summary>The result of one journey.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="StatusCode">The status code of the last response, or 0 if there was none.</param>
/// <param name="Detail">A short detail for reports (the step that failed), if any.</param>
public readonly record struct JourneyResult(OutcomeKind Outcome, int StatusCode = 0, string? Detail = null)
{
    /// <summary>A successful journey.</summary>
    public static JourneyResult Ok(int statusCode = 200) => new(OutcomeKind.Success, statusCode);
}
