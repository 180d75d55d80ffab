using Chaos.Engine.Faults;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Faults;

/// <summary>Decisions of the kinds beyond status and fixed latency, and the host-level draws.</summary>
public sealed class FaultInjectorKindsTests
{
    [Fact]
    public void Decide_UniformLatency_StaysWithinItsBounds()
    {
        var injector = new FaultInjector(seed: 3);
        injector.Apply(new FaultRule("slow", null, new FaultSpec
        {
            Kind = FaultKind.Latency,
            Distribution = LatencyDistribution.Uniform,
            MinDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromMilliseconds(300),
        }));

        var delays = Enumerable.Range(0, 5_000).Select(_ => injector.Decide("charges").Delay.TotalMilliseconds).ToArray();

        delays.ShouldAllBe(d => d >= 100 && d <= 300);
        delays.Average().ShouldBeInRange(190, 210);
    }

    [Fact]
    public void Decide_LongTailLatency_HasTheGivenMedianAndP99()
    {
        var injector = new FaultInjector(seed: 5);
        injector.Apply(new FaultRule("tail", null, new FaultSpec
        {
            Kind = FaultKind.Latency,
            Distribution = LatencyDistribution.LongTail,
            P50 = TimeSpan.FromMilliseconds(200),
            P99 = TimeSpan.FromSeconds(5),
        }));

        var delays = Enumerable.Range(0, 20_000).Select(_ => injector.Decide("charges").Delay.TotalMilliseconds).Order().ToArray();

        delays[delays.Length / 2].ShouldBeInRange(185, 215);
        delays[(int)(delays.Length * 0.99)].ShouldBeInRange(4_000, 6_200);
    }

    [Fact]
    public void Decide_LongTailWithCap_NeverPassesTheCap()
    {
        var injector = new FaultInjector(seed: 5);
        injector.Apply(new FaultRule("tail", null, new FaultSpec
        {
            Kind = FaultKind.Latency,
            Distribution = LatencyDistribution.LongTail,
            P50 = TimeSpan.FromMilliseconds(200),
            P99 = TimeSpan.FromSeconds(5),
            MaxDelay = TimeSpan.FromSeconds(1),
        }));

        Enumerable.Range(0, 5_000).Select(_ => injector.Decide("charges").Delay).Max().ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Decide_AbortHangAndBodyFaults_ReturnWhatToRender()
    {
        var injector = new FaultInjector(seed: 1);
        injector.Apply(new FaultRule("hang", "charges", new FaultSpec { Kind = FaultKind.Hang, HangFor = TimeSpan.FromSeconds(9) }));
        injector.Apply(new FaultRule("reset", "lookup", new FaultSpec { Kind = FaultKind.Abort }));
        injector.Apply(new FaultRule("cut", "capture", new FaultSpec { Kind = FaultKind.Truncated }));
        injector.Apply(new FaultRule("garbage", "capture", new FaultSpec { Kind = FaultKind.Malformed }));

        injector.Decide("charges").ShouldBe(new FaultDecision(null, TimeSpan.Zero) { Hang = TimeSpan.FromSeconds(9) });
        injector.Decide("lookup").ShouldBe(new FaultDecision(null, TimeSpan.Zero) { Abort = true });
        injector.Decide("capture").Body.ShouldBe(BodyFault.Truncated); // the first body fault applied wins
        injector.Decide("capture").Faulted.ShouldBeTrue();
    }

    [Fact]
    public void Decide_HostLevelRules_DrawNothingPerRequest()
    {
        static bool[] Run(bool withHostRule)
        {
            var injector = new FaultInjector(seed: 11);
            if (withHostRule)
            {
                injector.Apply(new FaultRule("crash", null, new FaultSpec { Kind = FaultKind.HostDown, InjectionRate = 0 }));
            }

            injector.Apply(new FaultRule("flaky", null, new FaultSpec { Kind = FaultKind.Status, InjectionRate = 0.5 }));
            return Enumerable.Range(0, 100).Select(_ => injector.Decide("charges").Faulted).ToArray();
        }

        Run(withHostRule: true).ShouldBe(Run(withHostRule: false));
    }

    [Fact]
    public void HostFaults_FullRate_TakesTheHostDownUntilCleared()
    {
        var injector = new FaultInjector(seed: 1);
        var changes = 0;
        injector.RulesChanged += (_, _) => changes++;

        injector.Apply(new FaultRule("crash", null, new FaultSpec { Kind = FaultKind.HostDown }));
        injector.HostFaults.Select(r => r.Name).ShouldBe(["crash"]);
        injector.Decide("charges").Faulted.ShouldBeFalse();

        injector.Clear("crash");
        injector.HostFaults.ShouldBeEmpty();
        changes.ShouldBe(2);
    }

    [Fact]
    public void HostFaults_RateLoweredStepByStep_KeepsTheFirstDrawSoTheHostComesBackOnce()
    {
        var injector = new FaultInjector(seed: 8);
        var down = new List<bool>();
        for (var step = 10; step >= 0; step--)
        {
            injector.Apply(new FaultRule("crash", null, new FaultSpec { Kind = FaultKind.HostDown, InjectionRate = step / 10.0 }));
            down.Add(injector.HostFaults.Count > 0);
        }

        down[0].ShouldBeTrue();
        down[^1].ShouldBeFalse();
        down.SkipWhile(d => d).ShouldAllBe(d => !d); // once up, it stays up
    }

    [Fact]
    public void Apply_SameName_KeepsTheRulesPlaceInTheDrawOrder()
    {
        var injector = new FaultInjector(seed: 1);
        injector.Apply(new FaultRule("a", null, new FaultSpec { Kind = FaultKind.Status }));
        injector.Apply(new FaultRule("b", null, new FaultSpec { Kind = FaultKind.Status, StatusCode = 500 }));

        injector.Apply(new FaultRule("a", null, new FaultSpec { Kind = FaultKind.Status, StatusCode = 502 }));

        injector.ActiveRules.ShouldBe(["a", "b"]);
        injector.Decide("charges").Status!.StatusCode.ShouldBe(502);
    }
}
