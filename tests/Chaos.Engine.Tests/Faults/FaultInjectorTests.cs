using Chaos.Engine.Faults;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Faults;

public sealed class FaultInjectorTests
{
    private static readonly FaultSpec Unavailable = new() { Kind = FaultKind.Status, StatusCode = 503 };

    [Fact]
    public void Decide_NoRules_InjectsNothing()
    {
        var injector = new FaultInjector(seed: 1);

        injector.Decide("charges").Faulted.ShouldBeFalse();
    }

    [Fact]
    public void Decide_StatusRuleAtFullRate_InjectsEveryRequest()
    {
        var injector = new FaultInjector(seed: 1);
        injector.Apply(new FaultRule("outage", null, Unavailable));

        Enumerable.Range(0, 100).Select(_ => injector.Decide("charges").Status?.StatusCode).ShouldAllBe(code => code == 503);
    }

    [Fact]
    public void Decide_RouteRule_LeavesOtherRoutesAlone()
    {
        var injector = new FaultInjector(seed: 1);
        injector.Apply(new FaultRule("outage", "charges", Unavailable));

        injector.Decide("lookup").Faulted.ShouldBeFalse();
        injector.Decide("CHARGES").Status.ShouldNotBeNull();
    }

    [Fact]
    public void Decide_PartialRate_InjectsAboutThatShare()
    {
        var injector = new FaultInjector(seed: 7);
        injector.Apply(new FaultRule("slow", null, new FaultSpec { Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(1), InjectionRate = 0.3 }));

        var hits = Enumerable.Range(0, 10_000).Count(_ => injector.Decide("charges").Faulted);

        hits.ShouldBeInRange(2_800, 3_200);
    }

    [Fact]
    public void Decide_SameSeed_ReplaysSameDecisions()
    {
        static bool[] Run()
        {
            var injector = new FaultInjector(seed: 42);
            injector.Apply(new FaultRule("flaky", null, Unavailable with { InjectionRate = 0.5 }));
            return Enumerable.Range(0, 200).Select(_ => injector.Decide("charges").Faulted).ToArray();
        }

        Run().ShouldBe(Run());
    }

    [Fact]
    public void Decide_LatencyRulesAndStatus_AddDelaysAndKeepFirstStatus()
    {
        var injector = new FaultInjector(seed: 1);
        injector.Apply(new FaultRule("slow-a", null, new FaultSpec { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(100) }));
        injector.Apply(new FaultRule("slow-b", null, new FaultSpec { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(50) }));
        injector.Apply(new FaultRule("down", null, Unavailable));
        injector.Apply(new FaultRule("teapot", null, Unavailable with { StatusCode = 418 }));

        var decision = injector.Decide("charges");

        decision.Delay.ShouldBe(TimeSpan.FromMilliseconds(150));
        decision.Status!.StatusCode.ShouldBe(503);
    }

    [Fact]
    public void Clear_ByName_RemovesOnlyThatRule()
    {
        var injector = new FaultInjector(seed: 1);
        injector.Apply(new FaultRule("outage", null, Unavailable));
        injector.Apply(new FaultRule("relapse", null, Unavailable));

        injector.Clear("outage");

        injector.ActiveRules.ShouldBe(["relapse"]);
    }

    [Fact]
    public void Apply_SameName_ReplacesRule()
    {
        var injector = new FaultInjector(seed: 1);
        injector.Apply(new FaultRule("outage", null, Unavailable));
        injector.Apply(new FaultRule("outage", null, Unavailable with { StatusCode = 500 }));

        injector.ActiveRules.Count.ShouldBe(1);
        injector.Decide("charges").Status!.StatusCode.ShouldBe(500);
    }
}
