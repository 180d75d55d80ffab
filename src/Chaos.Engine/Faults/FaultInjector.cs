namespace Chaos.Engine.Faults;

/// <summary>
/// Holds the fault rules applied to one dependency and decides, with a seeded random source, whether a
/// request gets a fault. Thread-safe: a simulator calls <see cref="Decide"/> from concurrent requests.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly List<FaultRule> _rules = [];

    /// <summary>Initializes a new instance of the <see cref="FaultInjector"/> class.</summary>
    /// <param name="seed">The seed of the injection decisions.</param>
    public FaultInjector(int seed) => _random = new Random(seed);

    /// <summary>Gets the names of the rules applied now.</summary>
    public IReadOnlyList<string> ActiveRules
    {
        get
        {
            lock (_gate)
            {
                return _rules.Select(r => r.Name).ToArray();
            }
        }
    }

    /// <summary>Applies a rule, replacing one of the same name.</summary>
    public void Apply(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            _rules.RemoveAll(r => r.Name == rule.Name);
            _rules.Add(rule);
        }
    }

    /// <summary>Clears the rule of that name, if applied.</summary>
    public void Clear(string ruleName)
    {
        lock (_gate)
        {
            _rules.RemoveAll(r => r.Name == ruleName);
        }
    }

    /// <summary>Clears every rule.</summary>
    public void ClearAll()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>
    /// Decides the faults injected into one request on a route: at most one status fault (which wins) and
    /// the sum of the latency faults whose injection draws hit. Every applicable rule draws once, in order,
    /// so decisions depend only on the seed and the sequence of requests.
    /// </summary>
    public FaultDecision Decide(string route)
    {
        lock (_gate)
        {
            FaultSpec? status = null;
            var delay = TimeSpan.Zero;
            foreach (var rule in _rules)
            {
                if (rule.Route is not null && !string.Equals(rule.Route, route, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var hit = _random.NextDouble() < rule.Fault.InjectionRate;
                if (!hit)
                {
                    continue;
                }

                switch (rule.Fault.Kind)
                {
                    case FaultKind.Status:
                        status ??= rule.Fault;
                        break;
                    case FaultKind.Latency:
                        delay += rule.Fault.Delay;
                        break;
                }
            }

            return new FaultDecision(status, delay);
        }
    }
}

/// <summary>The faults decided for one request.</summary>
/// <param name="Status">The status fault to answer with instead of serving, if any.</param>
/// <param name="Delay">The delay to add to the response.</param>
public readonly record struct FaultDecision(FaultSpec? Status, TimeSpan Delay)
{
    /// <summary>Gets whether any fault was injected.</summary>
    public bool Faulted => Status is not null || Delay > TimeSpan.Zero;
}
