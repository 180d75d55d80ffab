using System.Globalization;

namespace Chaos.Engine.Scenarios;

/// <summary>
/// Parses the durations of scenario files: a number with a unit (<c>250ms</c>, <c>30s</c>, <c>1.5s</c>, <c>2m</c>,
/// <c>1h</c>) or a time span with hours, minutes and seconds (<c>00:00:30</c>).
/// </summary>
public static class DurationParser
{
    private static readonly (string Suffix, long TicksPerUnit)[] Units =
    [
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>
    /// Tries to parse a duration. Units are lower-case and follow the number without a space; a leading
    /// <c>-</c> gives a negative duration (callers decide whether that is allowed). A bare number has no unit
    /// and is not a duration.
    /// </summary>
    /// <param name="text">The text, for example <c>30s</c> or <c>00:00:30</c>.</param>
    /// <param name="value">The duration, or <see cref="TimeSpan.Zero"/> when the text is not a duration.</param>
    /// <returns><see langword="true"/> when the text is a duration.</returns>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Contains(':'))
        {
            // Two colons at least, so that "00:30" (30 minutes or 30 seconds?) is not guessed.
            return span.Count(':') == 2
                && TimeSpan.TryParseExact(span, "c", CultureInfo.InvariantCulture, out value);
        }

        foreach (var (suffix, ticksPerUnit) in Units)
        {
            if (!span.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var number = span[..^suffix.Length];
            if (!IsDecimal(number)
                || !decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            if (Math.Abs(amount) > TimeSpan.MaxValue.Ticks / ticksPerUnit)
            {
                return false;
            }

            var ticks = amount * ticksPerUnit;

            value = TimeSpan.FromTicks((long)decimal.Round(ticks));
            return true;
        }

        return false;
    }

    /// <summary>Formats a duration the way scenario files write it, for messages: <c>250ms</c>, <c>1.5s</c>, <c>60s</c>, <c>2m</c>, <c>1h</c>.</summary>
    internal static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Negate());
        }

        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        if (value.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return $"{value.Ticks / TimeSpan.TicksPerHour}h";
        }

        // Under two minutes, seconds read better next to the seconds most timelines are written in: 90s, not 1.5m.
        if (value >= TimeSpan.FromMinutes(2) && value.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return $"{value.Ticks / TimeSpan.TicksPerMinute}m";
        }

        if (value.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return $"{value.Ticks / TimeSpan.TicksPerSecond}s";
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            return ((decimal)value.Ticks / TimeSpan.TicksPerMillisecond).ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }

        return ((decimal)value.Ticks / TimeSpan.TicksPerSecond).ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }

    // Digits with at most one decimal point and digits on both sides of it, after an optional minus sign:
    // decimal.TryParse alone would also take "1,000", "+5", ".5" or " 5".
    private static bool IsDecimal(ReadOnlySpan<char> number)
    {
        if (number.StartsWith("-"))
        {
            number = number[1..];
        }

        var point = number.IndexOf('.');
        var whole = point < 0 ? number : number[..point];
        var fraction = point < 0 ? "1" : number[(point + 1)..];
        return whole.Length > 0 && fraction.Length > 0
            && !whole.ContainsAnyExceptInRange('0', '9')
            && !fraction.ContainsAnyExceptInRange('0', '9');
    }
}
