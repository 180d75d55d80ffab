using Chaos.Engine.Load;

namespace Chaos.Engine.Journeys.Http;

/// <summary>
/// A journey written in C#: what a client of the service does, over <paramref name="client"/> (its base address is the
/// service's, and every request it sends carries the journey's W3C <c>traceparent</c>, as a system file's steps do), for
/// <paramref name="user"/>. It returns how the journey ended: <see cref="JourneyResult.Ok"/>, an
/// <see cref="OutcomeKind.Degraded"/> honest degradation, or a failure; an exception it lets escape is recorded as a
/// failure of the journey, never thrown into the run.
/// </summary>
/// <param name="client">The client to the service; do not dispose it.</param>
/// <param name="user">The virtual user running the journey: its id and its seeded <see cref="VirtualUser.Random"/>.</param>
/// <param name="cancellationToken">Cancels the journey (the run ended or was cancelled).</param>
/// <returns>How the journey ended.</returns>
public delegate ValueTask<JourneyResult> HttpJourney(HttpClient client, VirtualUser user, CancellationToken cancellationToken);
