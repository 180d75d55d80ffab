namespace Chaos.Engine.Journeys.Http;

/// <summary>The trace of the C# journey running in this async flow: its trace id and a random source for span ids.</summary>
/// <param name="TraceId">The journey's W3C trace id.</param>
/// <param name="Spans">Draws span ids; requests of one journey may be sent at once, so it is used under a lock.</param>
internal sealed record JourneyTraceScope(string TraceId, Random Spans);

/// <summary>
/// Puts the current C# journey's W3C <c>traceparent</c> (its trace id, a new span id) on every request sent through it,
/// replacing one the journey set, so that calls to dependencies are counted per journey as for a system file's steps.
/// </summary>
internal sealed class TraceParentHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>Gets the journey running in this async flow, if any.</summary>
    public static AsyncLocal<JourneyTraceScope?> Current { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Current.Value is { } scope)
        {
            string traceParent;
            lock (scope.Spans)
            {
                traceParent = TraceContext.TraceParent(scope.TraceId, scope.Spans);
            }

            request.Headers.Remove(TraceContext.Header);
            request.Headers.TryAddWithoutValidation(TraceContext.Header, traceParent);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
