namespace Chaos.Targets.Storefront;

/// <summary>
/// The load engine's record of probes of protected surfaces (admin, point of sale) made with a bad or missing
/// credential: how many were made and which were let in. The <c>noUnauthenticatedAccess</c> invariant is checked
/// against it after the run.
/// </summary>
/// <remarks>Thread-safe. Keeps the first <see cref="MaxViolationsKept"/> violations; later ones are only counted.</remarks>
public sealed class AccessLedger
{
    /// <summary>The number of violations kept for reports; later ones count in <see cref="ViolationCount"/> only.</summary>
    public const int MaxViolationsKept = BreachLog<AccessViolation>.MaxKept;

    private readonly BreachLog<AccessViolation> _log = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _probesBySurface = new(StringComparer.Ordinal);

    /// <summary>Gets how many probes were recorded.</summary>
    public long Probes => _log.Attempts;

    /// <summary>Gets how many probes were answered 2xx (all of them, also beyond the ones kept).</summary>
    public long ViolationCount => _log.Breaches;

    /// <summary>Gets a copy of the probes answered 2xx, in the order they were recorded (at most <see cref="MaxViolationsKept"/>).</summary>
    public IReadOnlyList<AccessViolation> Violations => _log.Kept;

    /// <summary>Gets a copy of the probe counts by surface.</summary>
    public IReadOnlyDictionary<string, long> ProbesBySurface
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, long>(_probesBySurface, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Records one probe and how the storefront answered it.</summary>
    /// <param name="surface">The protected surface probed: <c>admin</c> or <c>pos</c>.</param>
    /// <param name="credential">What the probe presented: <c>none</c>, <c>expired</c>, <c>foreign</c>, <c>unsigned</c>, <c>wrongRole</c>, ...</param>
    /// <param name="statusCode">The status code answered (0 when there was no answer).</param>
    /// <param name="at">When the probe was made, from the start of the load.</param>
    public void Record(string surface, string credential, int statusCode, TimeSpan at)
    {
        ArgumentException.ThrowIfNullOrEmpty(surface);
        ArgumentException.ThrowIfNullOrEmpty(credential);
        lock (_gate)
        {
            _probesBySurface[surface] = _probesBySurface.GetValueOrDefault(surface) + 1;
        }

        _log.RecordAttempt();
        if (statusCode is >= 200 and < 300)
        {
            _log.RecordBreach(() => new AccessViolation(surface, credential, statusCode, at));
        }
    }

    /// <summary>Adds another ledger's probes (a load agent's), as <see cref="StorefrontLedgers"/> carries them.</summary>
    /// <param name="probesBySurface">Its probe counts by surface.</param>
    /// <param name="violations">How many of its probes were let in.</param>
    /// <param name="kept">The violations it kept.</param>
    public void Add(IReadOnlyDictionary<string, long> probesBySurface, long violations, IReadOnlyList<AccessViolation> kept)
    {
        ArgumentNullException.ThrowIfNull(probesBySurface);
        lock (_gate)
        {
            foreach (var (surface, count) in probesBySurface)
            {
                _probesBySurface[surface] = _probesBySurface.GetValueOrDefault(surface) + count;
            }
        }

        _log.Add(probesBySurface.Values.Sum(), violations, kept);
    }
}

/// <summary>A probe with a bad or missing credential that a protected surface answered 2xx.</summary>
/// <param name="Surface">The surface: <c>admin</c> or <c>pos</c>.</param>
/// <param name="Credential">What the probe presented, for example <c>expired</c>.</param>
/// <param name="StatusCode">The 2xx status answered.</param>
/// <param name="At">When, from the start of the load.</param>
public sealed record AccessViolation(string Surface, string Credential, int StatusCode, TimeSpan At);
