using Chaos.Engine.Faults;
using Chaos.Engine.Journeys.Http;
using Chaos.Engine.Judging;
using Chaos.Engine.Load;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Judging;

public sealed class AtMostOnceCheckTests
{
    private const string First = "0af7651916cd43dd8448eb211c80319c";
    private const string Second = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static readonly DateTimeOffset At = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly AtMostOnceInvariant Transfers = new("bank", "transfers");

    [Fact]
    public void Check_OneCallPerTrace_Holds()
    {
        var result = AtMostOnceCheck.Check(Transfers, [Journal(Call("transfers", First), Call("transfers", Second), Call("*", First))], Ledger());

        result.ShouldSatisfyAllConditions(r => r.Passed.ShouldBeTrue(), r => r.Measured.ShouldBeTrue(), r => r.Name.ShouldBe("atMostOnce bank.transfers"));
    }

    [Fact]
    public void Check_TwoCallsForOneTrace_FailsNamingTheJourneyTraceAndCalls()
    {
        var result = AtMostOnceCheck.Check(Transfers, [Journal(Call("transfers", First), Call("transfers", First, 201, faulted: true), Call("transfers", Second))], Ledger());

        result.Passed.ShouldBeFalse();
        result.Message.ShouldStartWith("1 journeys caused more than one call to bank transfers (1 extra calls)");
        result.Examples.ShouldBe([$"trace {First}: pay (user 7, ended Success): 2 calls to transfers, answered 201, 201 (faulted)"]);
    }

    [Fact]
    public void Check_ARepeatedCallOfASetUpJourney_IsNotCountedButSaid()
    {
        // The trace probe or a warm-up journey met a cold service: its POST timed out once and was retried.
        var result = AtMostOnceCheck.Check(Transfers, [Journal(Call("transfers", First), Call("transfers", First), Call("transfers", Second))], Ledger(), new HashSet<string> { First });

        result.Passed.ShouldBeTrue(result.Message);
        result.Message.ShouldBe("no journey caused more than one call to bank transfers (1 calls from 1 journeys). "
            + "Not counted: 1 of the harness's journeys before the load (trace probe, warm-up) caused more than one call; the same code path runs under load.");
    }

    [Fact]
    public void Check_NoCallCarriesATraceparent_IsNotMeasured()
    {
        var result = AtMostOnceCheck.Check(Transfers, [Journal(Call("transfers", null), Call("transfers", null))], Ledger());

        result.Measured.ShouldBeFalse();
        result.Message.ShouldContain("forward W3C trace context");
    }

    [Fact]
    public void Check_PoolHosts_CountTogether()
    {
        var result = AtMostOnceCheck.Check(Transfers, [Journal(Call("transfers", First)) with { Dependency = "bank.bank-1" }, Journal(Call("transfers", First)) with { Dependency = "bank.bank-2" }], Ledger());

        result.Passed.ShouldBeFalse();
    }

    private static JourneyTraceLedger Ledger()
    {
        var ledger = new JourneyTraceLedger();
        ledger.Record(new JourneyTrace("pay", First, 7, OutcomeKind.Success, 201, null));
        return ledger;
    }

    private static DependencyJournal Journal(params DependencyCall[] calls) => new("bank", calls, []);

    private static DependencyCall Call(string route, string? traceId, int status = 201, bool faulted = false) =>
        new(At, route, status, faulted, traceId) { TraceId = traceId };
}
