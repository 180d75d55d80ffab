using Chaos.Engine.Faults;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Running;

public sealed class PhaseWindowTests
{
    [Fact]
    public void For_FaultsInsideLoad_DerivesBaselineFaultRecoveryAndNamedWindows()
    {
        var phases = PhaseWindow.For(Scenario(
            Fault("outage", start: 20, duration: 15),
            Fault("relapse", start: 42, duration: 8)));

        phases.Select(p => $"{p.Name} {p.From.TotalSeconds}-{p.To.TotalSeconds}").ShouldBe(
        [
            "run 0-60",
            "baseline 0-20",
            "fault 20-50",
            "recovery 50-60",
            "outage 20-35",
            "relapse 42-50",
            "ramp 0-10",
            "peak 10-60",
        ]);
    }

    [Fact]
    public void For_NoFaults_BaselineIsWholeRun()
    {
        var phases = PhaseWindow.For(Scenario());

        phases.Single(p => p.Name == PhaseWindow.Baseline).To.ShouldBe(TimeSpan.FromSeconds(60));
        phases.ShouldNotContain(p => p.Name == PhaseWindow.Recovery);
    }

    [Fact]
    public void For_FaultFromStartToEnd_HasNoBaselineOrRecovery()
    {
        var phases = PhaseWindow.For(Scenario(Fault("outage", start: 0, duration: 60)));

        phases.Select(p => p.Name).ShouldBe(["run", "fault", "outage", "ramp", "peak"]);
    }

    private static FaultWindow Fault(string name, double start, double duration) => new()
    {
        Name = name,
        Dependency = "payments.primary",
        Start = TimeSpan.FromSeconds(start),
        Duration = TimeSpan.FromSeconds(duration),
        Fault = new FaultSpec { Kind = FaultKind.Status },
    };

    private static Scenario Scenario(params FaultWindow[] faults) => new()
    {
        Name = "test",
        Incident = "test",
        Description = "test",
        Seed = 1,
        Load = new LoadProfile
        {
            Journeys = new Dictionary<string, int> { ["browse"] = 1 },
            Phases = [new LoadPhase("ramp", TimeSpan.FromSeconds(10), 1, 10), new LoadPhase("peak", TimeSpan.FromSeconds(50), 10, 10)],
        },
        Faults = faults,
        Expectations = [],
        Invariants = [],
    };
}
