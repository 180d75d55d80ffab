namespace Chaos.Engine.Scenarios;

/// <summary>
/// The invariant <c>atMostOnce</c>: no journey (one trace id) caused more than one call to the route, such as a second
/// transfer for one payment.
/// </summary>
/// <param name="Dependency">The dependency's name.</param>
/// <param name="Route">The route's name.</param>
public sealed record AtMostOnceInvariant(string Dependency, string Route);
