namespace Chaos.Engine.Tests.Scenarios;

/// <summary>The annotated example of scenarios/README.md, and ways to break it one field at a time.</summary>
internal static class ScenarioYaml
{
    public const string Path = "scenarios/payment-gateway-down.yaml";

    public const string Valid = """
        # Replays the Stripe API outage of 10 July 2019: a brownout, then the outage itself.
        name: payment-gateway-down              # required, kebab-case
        incident: "Stripe API, 10 July 2019: most API requests failed for 27 min, then a relapse"   # required, one line
        description: |                          # required: which incident, which facts it encodes
          Stripe API, 10 July 2019 (INCIDENTS.md #3): 16:35-17:02 UTC most API requests failed after the
          database primary was lost (detected in about 1 min). Encoded: the primary gateway answers 503 to
          every charge for a window, after a brownout of slow answers; checkout must fail over to the
          secondary gateway, the breaker must open fast, and no order is lost or charged twice.
        seed: 20190710                          # required int: seeds the journey mix and fault injection
        load:
          maxInFlight: 512                      # optional int >= 1 (default 512); arrivals beyond it are dropped
          requestTimeout: 10s                   # optional duration > 0 (default 10s), per request of a journey
          journeys:                             # required map journey -> weight (int >= 0, at least one > 0)
            browse: 50
            addToCart: 20
            checkout: 30
          phases:                               # required, at least one, run one after another
            - name: ramp-up
              duration: 10s
              rampingInject: { from: 5, to: 40 }  # journeys per second, linear ramp from 5 to 40
            - name: peak
              duration: 80s
              inject: { rate: 40 }                # constant 40 journeys per second
        faults:                                 # optional list: the fault timeline (any order; sorted by start)
          - name: outage                        # required, unique, kebab-case; also a phase name for expectations
            dependency: payments.primary        # required
            route: charges                      # optional: only this route of the dependency
            start: 20s                          # required, from the start of the load
            duration: 25s                       # required > 0; the fault must end by the end of the load
            fault: { kind: status, status: 503, retryAfter: 5s, injectionRate: 1.0 }
          - name: brownout
            dependency: payments.primary
            start: 10s
            duration: 10s
            fault: { kind: latency, delay: 2500ms, injectionRate: 0.3 }   # 30% of calls answered 2.5 s late
        expectations:                           # required, at least one
          - phase: outage                       # while the outage fault is applied
            journey: checkout
            successRate: { atLeast: 0.95 }      # exactly one metric per expectation
          - phase: outage
            journey: checkout
            p99: { atMost: 2s }
          - phase: outage
            dependency: payments.primary
            timeToCircuitOpen: { atMost: 5s }   # from the outage's start to the breaker seen open
          - phase: run                          # the whole load
            dependency: payments.primary
            amplification: { atMost: 3 }        # calls to payments.primary per journey
        invariants: [noLostOrders, noDoubleCharges, pendingPaymentsCaptured]   # checked after the drain
        drain: { timeout: 60s }                 # optional (default 60s): wait for backlogs after the load

        """;

    /// <summary>The valid example with one fragment replaced; fails if the fragment is not there exactly once.</summary>
    public static string With(string fragment, string replacement) => With(Valid, fragment, replacement);

    public static string With(string yaml, string fragment, string replacement)
    {
        var at = yaml.IndexOf(fragment, StringComparison.Ordinal);
        if (at < 0 || yaml.IndexOf(fragment, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"The fragment must occur exactly once: {fragment}", nameof(fragment));
        }

        return string.Concat(yaml.AsSpan(0, at), replacement, yaml.AsSpan(at + fragment.Length));
    }

    /// <summary>The valid example with lines inserted after the line holding a fragment.</summary>
    public static string InsertAfter(string fragment, string lines)
    {
        var at = Valid.IndexOf(fragment, StringComparison.Ordinal);
        var endOfLine = Valid.IndexOf('\n', at) + 1;
        return string.Concat(Valid.AsSpan(0, endOfLine), lines, Valid.AsSpan(endOfLine));
    }

    /// <summary>The 1-based line of the first occurrence of a fragment (the nth, if given).</summary>
    public static int LineOf(string yaml, string fragment, int occurrence = 1)
    {
        var at = -1;
        for (var i = 0; i < occurrence; i++)
        {
            at = yaml.IndexOf(fragment, at + 1, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new ArgumentException($"Fragment not found: {fragment}", nameof(fragment));
            }
        }

        return yaml.AsSpan(0, at).Count('\n') + 1;
    }
}
