using Chaos.Engine.Scenarios;

namespace Chaos.Engine.Load;

/// <summary>
/// Named peak-day shapes of load (INCIDENTS.md, "Peak-day traffic figures"): each expands into open-model phases named
/// <c>&lt;shape&gt;-&lt;part&gt;</c>, so expectations can name a part such as <c>cyberMonday-peak</c>.
/// </summary>
internal static class LoadShapes
{
    /// <summary>A long peak day: ramp to 0.65 of peak, hold, rise to peak, hold long, ease off; peak-to-average about 1.55.</summary>
    public const string CyberMonday = "cyberMonday";

    /// <summary>Prime Day 2018's opening: quiet, a spike to peak within seconds, decay to 0.5 of peak and hold.</summary>
    public const string PrimeDayOpening = "primeDayOpening";

    /// <summary>A BFCM rehearsal at 150% of last year's peak (<c>peak</c> is last year's): it holds 1.5 times peak.</summary>
    public const string Bfcm150 = "bfcm150";

    /// <summary>A flash sale: quiet, a burst at peak for a short window, quiet again.</summary>
    public const string FlashSale = "flashSale";

    /// <summary>The shortest duration a shape accepts, so that its shortest part lasts long enough to measure.</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(10);

    // Parts: name, share of the duration, rate at the start and at the end as multiples of peak.
    private static readonly Dictionary<string, Part[]> Shapes = new(StringComparer.Ordinal)
    {
        [CyberMonday] =
        [
            new("ramp-up", 0.25, 0, 0.65),
            new("morning", 0.20, 0.65, 0.65),
            new("rise", 0.10, 0.65, 1),
            new("peak", 0.25, 1, 1),
            new("ease-off", 0.20, 1, 0),
        ],
        [PrimeDayOpening] =
        [
            new("quiet", 0.20, 0.1, 0.1),
            new("opening", 0.05, 0.1, 1),
            new("spike", 0.10, 1, 1),
            new("decay", 0.25, 1, 0.5),
            new("settled", 0.40, 0.5, 0.5),
        ],
        [Bfcm150] =
        [
            new("ramp-up", 0.20, 0.5, 1.5),
            new("hold", 0.60, 1.5, 1.5),
            new("ease-off", 0.20, 1.5, 0.5),
        ],
        [FlashSale] =
        [
            new("quiet", 0.40, 0.05, 0.05),
            new("burst", 0.20, 1, 1),
            new("after", 0.40, 0.05, 0.05),
        ],
    };

    /// <summary>Gets the names of the shapes, in alphabetical order.</summary>
    public static IReadOnlyList<string> Names { get; } = Shapes.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Gets the part names of a shape, in order (without the shape's name).</summary>
    /// <param name="shape">One of <see cref="Names"/>.</param>
    /// <returns>The part names.</returns>
    public static IReadOnlyList<string> PartsOf(string shape) => Find(shape).Select(p => p.Name).ToArray();

    /// <summary>Expands a shape into open-model phases named <c>&lt;shape&gt;-&lt;part&gt;</c>.</summary>
    /// <param name="shape">One of <see cref="Names"/>.</param>
    /// <param name="peak">The peak arrival rate, journeys per second (for <see cref="Bfcm150"/>, last year's peak).</param>
    /// <param name="duration">The shape's total duration, at least <see cref="MinimumDuration"/>; the parts add up to it exactly.</param>
    /// <param name="scale">Multiplies every rate. Defaults to 1.</param>
    /// <returns>The phases, in order.</returns>
    public static IReadOnlyList<LoadPhase> Expand(string shape, double peak, TimeSpan duration, double scale = 1)
    {
        var parts = Find(shape);
        ArgumentOutOfRangeException.ThrowIfNegative(peak);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, MinimumDuration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var phases = new List<LoadPhase>(parts.Length);
        var used = TimeSpan.Zero;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var length = i == parts.Length - 1
                ? duration - used
                : TimeSpan.FromMilliseconds(Math.Round(duration.TotalMilliseconds * part.Share));
            used += length;
            var rate = peak * scale;
            phases.Add(new LoadPhase($"{shape}-{part.Name}", length, rate * part.From, rate * part.To));
        }

        return phases;
    }

    private static Part[] Find(string shape) => Shapes.TryGetValue(shape, out var parts)
        ? parts
        : throw new ArgumentException($"'{shape}' is not a load shape; use {string.Join(", ", Names)}.", nameof(shape));

    private sealed record Part(string Name, double Share, double From, double To);
}
