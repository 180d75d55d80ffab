namespace Chaos.Storefront;

/// <summary>
/// Shortens what a client sent before an error message repeats it, so that a huge value (a 1 MB SKU) gives a small answer
/// and a log line of bounded size.
/// </summary>
internal static class EchoedInput
{
    /// <summary>The most characters of one value an error message repeats.</summary>
    public const int MaxLength = 64;

    /// <summary>Returns <paramref name="value"/> when it is short, else its first <see cref="MaxLength"/> characters and "…".</summary>
    public static string Cap(string? value)
    {
        if (value is null || value.Length <= MaxLength)
        {
            return value ?? "";
        }

        // Never cut a surrogate pair in two: half a character is not valid UTF-16 and would not encode.
        var length = char.IsHighSurrogate(value[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return string.Concat(value.AsSpan(0, length), "…");
    }
}
