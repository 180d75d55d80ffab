namespace Chaos.Engine.Scenarios;

/// <summary>A virtual user's think time between journeys: uniform in [<see cref="Min"/>, <see cref="Max"/>].</summary>
/// <param name="Min">The shortest think time.</param>
/// <param name="Max">The longest think time; equal to <paramref name="Min"/> for a fixed think time.</param>
public sealed record ThinkTime(TimeSpan Min, TimeSpan Max);
