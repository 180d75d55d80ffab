namespace Chaos.Engine.Load;

/// <summary>Picks journeys by weight; journeys are ordered by name so a seed gives the same picks everywhere.</summary>
internal sealed class JourneyMix
{
    private readonly string[] _names;
    private readonly int[] _cumulative;
    private readonly int _total;

    public JourneyMix(IReadOnlyDictionary<string, int> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var entries = weights.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToArray();
        if (entries.Length == 0)
        {
            throw new ArgumentException("No journey has a positive weight; give at least one journey a weight above 0.", nameof(weights));
        }

        _names = new string[entries.Length];
        _cumulative = new int[entries.Length];
        var total = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            total = checked(total + entries[i].Value);
            _names[i] = entries[i].Key;
            _cumulative[i] = total;
        }

        _total = total;
    }

    /// <summary>Gets the journeys that can be picked (weight above 0), ordered by name.</summary>
    public IReadOnlyList<string> Journeys => _names;

    public string Pick(Random random)
    {
        var x = random.Next(_total);
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (x < _cumulative[i])
            {
                return _names[i];
            }
        }

        return _names[^1];
    }
}
