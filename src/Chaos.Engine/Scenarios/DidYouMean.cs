namespace Chaos.Engine.Scenarios;

/// <summary>Finds the known name closest to a misspelt one, for "did you mean" hints.</summary>
internal static class DidYouMean
{
    /// <summary>Returns the closest candidate within a few edits (case-insensitive), or null when none is close.</summary>
    public static string? Find(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(value.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var allowed = Math.Max(value.Length, best?.Length ?? 0) switch
        {
            <= 3 => 1,
            <= 8 => 2,
            _ => 3,
        };
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Joins names for a message: "a", "a or b", "a, b or c".</summary>
    public static string Either(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
    };

    // Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions,
    // so "outgae" is one edit from "outage".
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
