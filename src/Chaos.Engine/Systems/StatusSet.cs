namespace Chaos.Engine.Systems;

/// <summary>A set of HTTP status codes, written as codes (<c>201</c>) or classes (<c>2xx</c>).</summary>
public sealed class StatusSet
{
    private readonly bool[] _codes = new bool[600];

    /// <summary>Initializes a new instance of the <see cref="StatusSet"/> class.</summary>
    /// <param name="text">The set as written, for messages, for example <c>[201, 409]</c>.</param>
    /// <param name="ranges">Inclusive ranges of codes, each within [100, 599].</param>
    public StatusSet(string text, IEnumerable<(int From, int To)> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        Text = text;
        foreach (var (from, to) in ranges)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(from, 100);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(to, 599);
            for (var code = from; code <= to; code++)
            {
                _codes[code] = true;
            }
        }
    }

    /// <summary>Gets every 2xx status: the default success.</summary>
    public static StatusSet Successful { get; } = new("[2xx]", [(200, 299)]);

    /// <summary>Gets the set as written.</summary>
    public string Text { get; }

    /// <summary>Gets whether the code is in the set.</summary>
    /// <param name="code">The status code.</param>
    public bool Contains(int code) => code is >= 0 and < 600 && _codes[code];

    /// <inheritdoc />
    public override string ToString() => Text;
}
