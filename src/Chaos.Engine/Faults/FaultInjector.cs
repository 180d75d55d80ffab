namespace Chaos.Engine.Faults;

/// <summary>
/// Holds the fault rules applied to one dependency and decides, with a seeded random source, whether a
/// request gets a fault. Thread-safe: a simulator calls <see cref="Decide"/> from concurrent requests.
/// </summary>
public sealed class FaultInjector
{
    // 2.326... is the standard normal's 99th percentile: sigma of a log-normal from its p50 and p99.
    private const double Z99 = 2.3263478740408408;

    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly Random _hostRandom;
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<string, double> _hostDraws = new(StringComparer.Ordinal);
    private long _decided;

    /// <summary>Initializes a new instance of the <see cref="FaultInjector"/> class.</summary>
    /// <param name="seed">The seed of the injection decisions.</param>
    public FaultInjector(int seed)
    {
        _random = new Random(seed);

        // Host-level draws have a source of their own, so that when a host goes down does not depend on how many
        // requests were decided before.
        _hostRandom = new Random(unchecked((seed * 7919) + 104729));
    }

    /// <summary>Raised after a rule is applied or cleared (outside the injector's lock).</summary>
    public event EventHandler? RulesChanged;

    /// <summary>Gets how many requests this injector has decided: one per request, when it arrives.</summary>
    public long Decided => Interlocked.Read(ref _decided);

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

    /// <summary>
    /// Gets the host-level rules (<see cref="FaultKind.HostDown"/>, <see cref="FaultKind.Flapping"/>) that take the host
    /// down now. Each such rule draws once, when first applied, against its injection rate; re-applying it with a lower
    /// rate (a gradual recovery) keeps that draw, so a host that came back stays back.
    /// </summary>
    public IReadOnlyList<FaultRule> HostFaults
    {
        get
        {
            lock (_gate)
            {
                return _rules.Where(r => r.Fault.IsHostLevel && _hostDraws.TryGetValue(r.Name, out var draw) && draw < r.Fault.InjectionRate).ToArray();
            }
        }
    }

    /// <summary>Applies a rule, replacing one of the same name (in its place, so the order of draws is kept).</summary>
    public void Apply(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.Name == rule.Name);
            if (index >= 0)
            {
                _rules[index] = rule;
            }
            else
            {
                _rules.Add(rule);
            }

            if (rule.Fault.IsHostLevel && !_hostDraws.ContainsKey(rule.Name))
            {
                _hostDraws[rule.Name] = _hostRandom.NextDouble();
            }
        }

        RulesChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Clears the rule of that name, if applied.</summary>
    public void Clear(string ruleName)
    {
        lock (_gate)
        {
            _rules.RemoveAll(r => r.Name == ruleName);
            _hostDraws.Remove(ruleName);
        }

        RulesChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Clears every rule.</summary>
    public void ClearAll()
    {
        lock (_gate)
        {
            _rules.Clear();
            _hostDraws.Clear();
        }

        RulesChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// Decides the faults injected into one request on a route. Every applicable per-request rule draws once, in
    /// order (a latency rule that hits draws again for its delay), so decisions depend only on the seed and the
    /// sequence of requests. Abort wins over hang, hang over a status, a status over a spoilt body; latency adds up.
    /// Host-level rules are not decided here (see <see cref="HostFaults"/>).
    /// </summary>
    public FaultDecision Decide(string route)
    {
        Interlocked.Increment(ref _decided);
        lock (_gate)
        {
            FaultSpec? status = null;
            TimeSpan? hang = null;
            var abort = false;
            var body = BodyFault.None;
            var delay = TimeSpan.Zero;
            foreach (var rule in _rules)
            {
                if (rule.Fault.IsHostLevel
                    || (rule.Route is not null && !string.Equals(rule.Route, route, StringComparison.OrdinalIgnoreCase)))
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
                        delay += SampleDelay(rule.Fault);
                        break;
                    case FaultKind.Hang:
                        hang ??= rule.Fault.HangFor;
                        break;
                    case FaultKind.Abort:
                        abort = true;
                        break;
                    case FaultKind.Malformed when body == BodyFault.None:
                        body = BodyFault.Malformed;
                        break;
                    case FaultKind.Truncated when body == BodyFault.None:
                        body = BodyFault.Truncated;
                        break;
                }
            }

            return new FaultDecision(status, delay) { Hang = hang, Abort = abort, Body = body };
        }
    }

    private TimeSpan SampleDelay(FaultSpec fault)
    {
        switch (fault.Distribution)
        {
            case LatencyDistribution.Uniform:
                return fault.MinDelay + ((fault.MaxDelay - fault.MinDelay) * _random.NextDouble());
            case LatencyDistribution.LongTail:
                var mu = Math.Log(Math.Max(fault.P50.Ticks, 1));
                var sigma = Math.Max(Math.Log(Math.Max(fault.P99.Ticks, 1)) - mu, 0) / Z99;
                var u1 = 1.0 - _random.NextDouble(); // (0, 1]: the log below stays finite
                var u2 = _random.NextDouble();
                var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
                var ticks = Math.Exp(mu + (sigma * z));
                if (fault.MaxDelay > TimeSpan.Zero)
                {
                    ticks = Math.Min(ticks, fault.MaxDelay.Ticks);
                }

                return TimeSpan.FromTicks((long)Math.Min(ticks, TimeSpan.MaxValue.Ticks / 2.0));
            default:
                return fault.Delay;
        }
    }
}
