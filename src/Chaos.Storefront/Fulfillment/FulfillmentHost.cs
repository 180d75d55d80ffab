namespace Chaos.Storefront.Fulfillment;

/// <summary>
/// One host of the pool and its ejection state: a host that refused, failed or timed out is left out for
/// <see cref="FulfillmentOptions.EjectionDuration"/>, then gets a trial call (half-open) that closes or ejects it again.
/// </summary>
internal sealed class FulfillmentHost(FulfillmentHostOptions options, TimeProvider time)
{
    private readonly Lock gate = new();
    private DateTimeOffset? ejectedUntil;
    private bool lastCallFailed;

    /// <summary>Gets the prefix of a host's dependency name in <c>/status</c>.</summary>
    public const string DependencyPrefix = "fulfillment.";

    public string Name { get; } = options.Name;

    public string DependencyName => DependencyPrefix + Name;

    /// <summary>Gets the base URL, ending with a slash so relative routes resolve under it.</summary>
    public Uri BaseUrl { get; } = options.BaseUrl!.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");

    /// <summary>Gets the centre the host ships for; null for the first centre.</summary>
    public string? Centre { get; } = string.IsNullOrWhiteSpace(options.Centre) ? null : options.Centre;

    public IReadOnlyDictionary<string, string> Tags { get; } = new Dictionary<string, string>(options.Tags, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets a value indicating whether a call may go to the host now: not ejected, or its ejection is over.</summary>
    public bool IsAvailable
    {
        get
        {
            lock (gate)
            {
                return ejectedUntil is not { } until || time.GetUtcNow() >= until;
            }
        }
    }

    /// <summary>Gets when the host's ejection ends; null when it is not ejected.</summary>
    public DateTimeOffset? EjectedUntil
    {
        get
        {
            lock (gate)
            {
                return ejectedUntil;
            }
        }
    }

    /// <summary>Gets the circuit: <c>closed</c>, <c>open</c> (ejected) or <c>half-open</c> (ejection over, awaiting a trial call).</summary>
    public string Circuit
    {
        get
        {
            lock (gate)
            {
                return ejectedUntil is not { } until ? "closed" : time.GetUtcNow() < until ? "open" : "half-open";
            }
        }
    }

    /// <summary>Gets a value indicating whether the host is not ejected and its last call got a definitive answer.</summary>
    public bool IsHealthy
    {
        get
        {
            lock (gate)
            {
                return ejectedUntil is null && !lastCallFailed;
            }
        }
    }

    /// <summary>The host answered: it is back in the pool.</summary>
    public void RecordSuccess()
    {
        lock (gate)
        {
            ejectedUntil = null;
            lastCallFailed = false;
        }
    }

    /// <summary>The host refused, failed or timed out: it is ejected for <paramref name="duration"/>.</summary>
    /// <returns><see langword="true"/> when the host was in the pool until now.</returns>
    public bool Eject(TimeSpan duration)
    {
        lock (gate)
        {
            var wasIn = ejectedUntil is null;
            ejectedUntil = time.GetUtcNow() + duration;
            lastCallFailed = true;
            return wasIn;
        }
    }
}
