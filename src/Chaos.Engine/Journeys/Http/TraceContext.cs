namespace Chaos.Engine.Journeys.Http;

/// <summary>
/// W3C trace context for journeys: a trace id per journey and a span id per request, drawn from the virtual user's
/// seeded random source so that the same seed sends the same ids.
/// </summary>
internal static class TraceContext
{
    /// <summary>The request header that carries the trace context.</summary>
    public const string Header = "traceparent";

    /// <summary>Draws a trace id: 32 lower-case hex digits, never all zero (which W3C reserves as invalid).</summary>
    public static string NewTraceId(Random random) => NewHex(random, stackalloc byte[16]);

    /// <summary>Draws a span id: 16 lower-case hex digits, never all zero.</summary>
    public static string NewSpanId(Random random) => NewHex(random, stackalloc byte[8]);

    /// <summary>Formats a sampled version-00 <c>traceparent</c>: <c>00-&lt;trace id&gt;-&lt;span id&gt;-01</c>.</summary>
    public static string TraceParent(string traceId, Random random)
    {
        Span<byte> span = stackalloc byte[8];
        Fill(random, span);
        return string.Create(55, (traceId, SpanId: Convert.ToHexStringLower(span)), static (chars, state) =>
        {
            "00-".CopyTo(chars);
            state.traceId.CopyTo(chars[3..]);
            chars[35] = '-';
            state.SpanId.CopyTo(chars[36..]);
            "-01".CopyTo(chars[52..]);
        });
    }

    /// <summary>Reads the trace id of a <c>traceparent</c> value, or null when it is not one.</summary>
    public static string? TraceIdOf(string? traceParent) =>
        traceParent is { Length: >= 55 } && traceParent[2] == '-' && traceParent[35] == '-' ? traceParent[3..35] : null;

    private static string NewHex(Random random, Span<byte> bytes)
    {
        Fill(random, bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static void Fill(Random random, Span<byte> bytes)
    {
        do
        {
            random.NextBytes(bytes);
        }
        while (!bytes.ContainsAnyExcept((byte)0));
    }
}
