using Chaos.Engine.Load;
using Chaos.Engine.Metrics;
using Chaos.Engine.Running;
using Chaos.Engine.Scenarios;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Load;

public sealed class WarmUpPlanTests
{
    [Fact]
    public void WarmUpPlan_WithoutWarmUp_IsNullSoTheFixedRoundsRun()
    {
        ScenarioRunner.WarmUpPlan(Scenario(warmUp: null)).ShouldBeNull();
    }

    [Fact]
    public async Task WarmUpPlan_WithWarmUp_DrivesTheFirstPhasesMixAtASmallRateForThatLong()
    {
        var time = new FakeTimeProvider();
        var plan = ScenarioRunner.WarmUpPlan(Scenario(warmUp: TimeSpan.FromSeconds(3)))!;
        var recorder = new RunRecorder(plan.Journeys);

        await EngineDriver.DriveAsync(time, new LoadEngine(time).RunAsync(plan, new TimedRunner(time, TimeSpan.Zero), recorder, TestContext.Current.CancellationToken),
            TimeSpan.FromMilliseconds(50));

        plan.Phases.ShouldHaveSingleItem().Duration.ShouldBe(TimeSpan.FromSeconds(3));
        plan.JourneyWeights.Keys.ShouldBe(["checkout"]);
        recorder.Summarize("checkout", TimeSpan.Zero, TimeSpan.FromSeconds(3)).Count.ShouldBe((long)(3 * ScenarioRunner.WarmUpRate));
    }

    private static Scenario Scenario(TimeSpan? warmUp) => new()
    {
        Name = "test",
        Incident = "test",
        Description = "test",
        Seed = 1,
        Load = new LoadProfile
        {
            Journeys = new Dictionary<string, int> { ["browse"] = 1 },
            Phases =
            [
                LoadPhase.Closed("users", TimeSpan.FromSeconds(10), 4, 4) with { Journeys = new Dictionary<string, int> { ["checkout"] = 1 } },
                new LoadPhase("peak", TimeSpan.FromSeconds(10), 40, 40),
            ],
            WarmUp = warmUp,
        },
        Faults = [],
        Expectations = [],
        Invariants = [],
    };
}
