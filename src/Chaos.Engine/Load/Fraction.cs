using System.Globalization;

namespace Chaos.Engine.Load;

/// <summary>A rational number <c>Numerator/Denominator</c> in lowest terms, with a positive denominator: an execution segment's boundary.</summary>
/// <remarks>Exact, unlike a <see cref="double"/>: boundaries such as 1/3 and 2/3 must add up to exactly 1.</remarks>
public readonly record struct Fraction : IComparable<Fraction>
{
    /// <summary>Creates <paramref name="numerator"/>/<paramref name="denominator"/>, reduced.</summary>
    /// <param name="numerator">The numerator.</param>
    /// <param name="denominator">The denominator, not 0.</param>
    public Fraction(long numerator, long denominator)
    {
        if (denominator == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "A fraction's denominator must not be 0.");
        }

        if (denominator < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var divisor = Gcd(Math.Abs(numerator), denominator);
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    /// <summary>Gets 0.</summary>
    public static Fraction Zero => new(0, 1);

    /// <summary>Gets 1.</summary>
    public static Fraction One => new(1, 1);

    /// <summary>Gets the numerator.</summary>
    public long Numerator { get; }

    /// <summary>Gets the denominator (positive).</summary>
    public long Denominator { get; }

    /// <summary>Gets the fraction as a double (for messages and figures, never for arithmetic).</summary>
    public double Value => (double)Numerator / Denominator;

    /// <summary>Subtracts two fractions.</summary>
    public static Fraction operator -(Fraction left, Fraction right) =>
        new(checked((left.Numerator * right.Denominator) - (right.Numerator * left.Denominator)), checked(left.Denominator * right.Denominator));

    /// <summary>Compares two fractions.</summary>
    public static bool operator <(Fraction left, Fraction right) => left.CompareTo(right) < 0;

    /// <summary>Compares two fractions.</summary>
    public static bool operator >(Fraction left, Fraction right) => left.CompareTo(right) > 0;

    /// <summary>Compares two fractions.</summary>
    public static bool operator <=(Fraction left, Fraction right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two fractions.</summary>
    public static bool operator >=(Fraction left, Fraction right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// Parses <c>a/b</c> (<c>1/3</c>), an integer (<c>0</c>, <c>1</c>), a decimal (<c>0.25</c>) or a percentage (<c>25%</c>).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The fraction, when parsed.</param>
    /// <returns>Whether the text is a fraction.</returns>
    public static bool TryParse(string? text, out Fraction value)
    {
        value = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (long.TryParse(text.AsSpan(0, slash), Integer, CultureInfo.InvariantCulture, out var n)
                && long.TryParse(text.AsSpan(slash + 1), Integer, CultureInfo.InvariantCulture, out var d) && d != 0)
            {
                value = new Fraction(n, d);
                return true;
            }

            return false;
        }

        var percent = text.EndsWith('%');
        var number = percent ? text[..^1] : text;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        long denominator = percent ? 100 : 1;
        while (decimal.Truncate(parsed) != parsed && denominator < 1_000_000_000)
        {
            parsed *= 10;
            denominator *= 10;
        }

        if (decimal.Truncate(parsed) != parsed)
        {
            return false;
        }

        value = new Fraction((long)parsed, denominator);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(Fraction other) => ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    /// <summary>Gets <c>a/b</c>, or just <c>a</c> for a whole number.</summary>
    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    internal static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a == 0 ? 1 : a;
    }
}
