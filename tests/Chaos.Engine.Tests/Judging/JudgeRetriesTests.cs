using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Judging.JudgeTestData;

namespace Chaos.Engine.Tests.Judging;

public sealed class JudgeRetriesTests
{
    private static readonly DependencyJournal Primary = new(
        "payments.primary",
        [
            Call(11, "charges", "a"), Call(12, "charges", "a"), Call(13, "charges", "a"),
            Call(14, "charges", "b"),
            Call(15, "lookup", "a"),
            Call(25, "charges", "c"), Call(25.1, "charges", "c"), Call(25.2, "charges", "c"), Call(25.3, "charges", "c"),
        ],
        []);

    [Fact]
    public void Evaluate_RetriesOnARouteWithinBound_PassesWithMaxAndMean()
    {
        var result = JudgeWith(journals: [Primary]).Evaluate(Retries("payments.primary", atMost: 2, route: "charges"));

        result.Passed.ShouldBeTrue();
        result.Observed.ShouldBe(2);
        result.Route.ShouldBe("charges");
        result.Message.ShouldBe("outage payments.primary charges: at most 2 retries per request (mean 1 over 2 requests, 3 calls with key a); expected at most 2");
    }

    [Fact]
    public void Evaluate_EveryRouteCounted_LookUpIsARetryOfTheSameKey()
    {
        var result = JudgeWith(journals: [Primary]).Evaluate(Retries("payments.primary", atMost: 2));

        result.Passed.ShouldBeFalse();
        result.Observed.ShouldBe(3);
        result.Message.ShouldBe("outage payments.primary: at most 3 retries per request (mean 1.5 over 2 requests, 4 calls with key a); expected at most 2");
    }

    [Fact]
    public void Evaluate_SomeCallsWithoutKey_LeavesThemOutAndSaysSo()
    {
        var journal = new DependencyJournal("identity", [Call(11, "token", "alice"), Call(11.5, "token", "alice"), Call(12, "jwks", null)], []);

        var result = JudgeWith(journals: [journal]).Evaluate(Retries("identity", atMost: 0));

        result.Passed.ShouldBeFalse();
        result.Message.ShouldBe("outage identity: at most 1 retries per request (mean 1 over 1 requests, 2 calls with key alice, 1 calls without a key left out); expected at most 0");
    }

    [Fact]
    public void Evaluate_PoolOfHosts_CountsAKeyAcrossHosts()
    {
        var first = new DependencyJournal("fulfillment.fc-1", [Call(11, "shipments", "ship-o1")], []);
        var second = new DependencyJournal("fulfillment.fc-2", [Call(11.2, "shipments", "ship-o1"), Call(12, "shipments", "ship-o2")], []);
        DependencyTarget[] hosts = [new("fulfillment.fc-1", new Dictionary<string, string>()), new("fulfillment.fc-2", new Dictionary<string, string>())];

        var result = JudgeWith(journals: [first, second], hosts: hosts).Evaluate(Retries("fulfillment", atMost: 1, route: "shipments"));

        result.Passed.ShouldBeTrue();
        result.Observed.ShouldBe(1);
        result.Message.ShouldBe("outage fulfillment shipments: at most 1 retries per request (mean 0.5 over 2 requests, 2 calls with key ship-o1); expected at most 1");
    }

    [Fact]
    public void Evaluate_APoolOfASystemFile_CountsItsHostsJournalsByTheTargetsHosts()
    {
        // Not a storefront name: the hosts the target gives make the pool, not a list the judge knows.
        var first = new DependencyJournal("ledger.eu-1", [Call(11, "post", "tx-1")], []);
        var second = new DependencyJournal("ledger.eu-2", [Call(11.2, "post", "tx-1"), Call(11.4, "post", "tx-1")], []);
        var other = new DependencyJournal("ledgers", [Call(11, "post", "tx-1")], []);
        DependencyTarget[] hosts = [new("ledger.eu-1", new Dictionary<string, string>()), new("ledger.eu-2", new Dictionary<string, string>())];

        var result = JudgeWith(journals: [first, second, other], hosts: hosts).Evaluate(Retries("ledger", atMost: 1, route: "post"));

        result.Passed.ShouldBeFalse();
        result.Observed.ShouldBe(2);
    }

    [Fact]
    public void Evaluate_CallsWithoutAnyKey_IsNotMeasuredAndSaysWhy()
    {
        var journal = new DependencyJournal("payments.primary", [Call(11, "capture", null), Call(12, "capture", null)], []);

        var result = JudgeWith(journals: [journal]).Evaluate(Retries("payments.primary", atMost: 2));

        result.Measured.ShouldBeFalse();
        result.Passed.ShouldBeFalse();
        result.Message.ShouldBe("outage payments.primary: none of its 2 calls carried a request key (Idempotency-Key, the charged order, shipment key or username), so retries of one request cannot be told apart; limit it to a route that carries one, like route: charges (not measured)");
    }

    [Fact]
    public void Evaluate_NoCallsInThePhase_IsNotMeasured()
    {
        var result = JudgeWith(journals: [Primary]).Evaluate(Retries("payments.primary", atMost: 2) with { Phase = "baseline" });

        result.Measured.ShouldBeFalse();
        result.Message.ShouldBe("baseline payments.primary: payments.primary received no call in this phase, so there is no request to count retries of (not measured)");
    }

    [Fact]
    public void Evaluate_NoJournal_IsNotMeasured()
    {
        var result = JudgeWith().Evaluate(Retries("payments.primary", atMost: 2));

        result.Measured.ShouldBeFalse();
        result.Message.ShouldBe("outage payments.primary: there is no journal of payments.primary, so its retries cannot be counted (not measured)");
    }

    private static Expectation Retries(string dependency, double atMost, string? route = null) =>
        Expect("outage", ExpectationMetric.RetriesPerRequest, atMost: atMost, dependency: dependency) with { Route = route };
}
