using System.Collections.Concurrent;

namespace Chaos.Engine.Journeys;

/// <summary>Probes of admin and POS with credentials that must be refused; a 2xx answer is a violation.</summary>
public sealed class AccessLedger
{
    private readonly ConcurrentQueue<AccessViolation> _violations = new();
    private long _probes;

    /// <summary>Gets how many probes were recorded.</summary>
    public long Probes => Interlocked.Read(ref _probes);

    /// <summary>Gets the probes that were answered 2xx.</summary>
    public IReadOnlyList<AccessViolation> Violations => _violations.ToArray();

    /// <summary>Records one probe and its answer.</summary>
    public void Record(string surface, string credential, int statusCode, TimeSpan at)
    {
        Interlocked.Increment(ref _probes);
        if (statusCode is >= 200 and < 300)
        {
            _violations.Enqueue(new AccessViolation(surface, credential, statusCode, at));
        }
    }
}

/// <summary>A probe with a bad credential that was let through.</summary>
public sealed record AccessViolation(string Surface, string Credential, int StatusCode, TimeSpan At);
