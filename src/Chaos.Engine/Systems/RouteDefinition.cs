namespace Chaos.Engine.Systems;

/// <summary>
/// A named route of a dependency: a method and a path pattern, for example <c>POST /v1/transfers</c> or
/// <c>GET /v1/transfers/{id}</c>. A segment <c>*</c> or <c>{name}</c> matches any one path segment.
/// </summary>
public sealed record RouteDefinition
{
    /// <summary>Gets the route's name, for example <c>transfers</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path pattern as written, starting with <c>/</c>.</summary>
    public required string PathPattern { get; init; }

    /// <summary>Gets whether a request with this method and path belongs to the route. A query string is ignored.</summary>
    /// <param name="method">The request's method.</param>
    /// <param name="path">The request's path, for example <c>/v1/transfers/42?x=1</c>.</param>
    public bool Matches(string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var query = path.IndexOf('?', StringComparison.Ordinal);
        var actual = (query < 0 ? path.AsSpan() : path.AsSpan(0, query)).TrimEnd('/');
        var pattern = PathPattern.AsSpan().TrimEnd('/');
        while (true)
        {
            if (pattern.IsEmpty || actual.IsEmpty)
            {
                return pattern.IsEmpty && actual.IsEmpty;
            }

            // Both start with '/': compare one segment.
            pattern = pattern[1..];
            actual = actual[1..];
            var p = pattern.IndexOf('/');
            var a = actual.IndexOf('/');
            var patternSegment = p < 0 ? pattern : pattern[..p];
            var actualSegment = a < 0 ? actual : actual[..a];
            var wildcard = patternSegment is "*" || (patternSegment.Length > 2 && patternSegment[0] == '{' && patternSegment[^1] == '}');
            if (wildcard ? actualSegment.IsEmpty : !patternSegment.Equals(actualSegment, StringComparison.Ordinal))
            {
                return false;
            }

            pattern = p < 0 ? [] : pattern[p..];
            actual = a < 0 ? [] : actual[a..];
        }
    }
}
