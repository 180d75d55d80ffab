using Chaos.Engine.Load;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Load;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Count_ConstantPhase_EqualsRateTimesDuration()
    {
        var schedule = new ArrivalSchedule([new LoadPhase("baseline", TimeSpan.FromSeconds(10), 10, 10)]);

        schedule.Count.ShouldBe(100);
        schedule.TimeOf(0).ShouldBe(TimeSpan.Zero);
        schedule.TimeOf(1).ShouldBe(TimeSpan.FromMilliseconds(100));
        schedule.TimeOf(99).ShouldBe(TimeSpan.FromMilliseconds(9900));
    }

    [Fact]
    public void Count_RampingPhase_EqualsIntegral()
    {
        // 0 to 100 per second over 10 s: 500 arrivals, the k-th when 5 t^2 = k.
        var schedule = new ArrivalSchedule([new LoadPhase("ramp", TimeSpan.FromSeconds(10), 0, 100)]);

        schedule.Count.ShouldBe(500);
        schedule.TimeOf(5).TotalSeconds.ShouldBe(1, 1e-6);
        schedule.TimeOf(125).TotalSeconds.ShouldBe(5, 1e-6);
        schedule.TimeOf(499).TotalSeconds.ShouldBe(Math.Sqrt(499 / 5.0), 1e-6);
    }

    [Fact]
    public void Count_DescendingRamp_EqualsIntegral()
    {
        var schedule = new ArrivalSchedule([new LoadPhase("cool-down", TimeSpan.FromSeconds(4), 100, 0)]);

        schedule.Count.ShouldBe(200);
        schedule.TimeOf(199).ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void Count_SeveralPhasesWithAnIdleOne_EqualsSumOfIntegrals()
    {
        var schedule = new ArrivalSchedule(
        [
            new LoadPhase("baseline", TimeSpan.FromSeconds(2), 20, 20),
            new LoadPhase("idle", TimeSpan.FromSeconds(3), 0, 0),
            new LoadPhase("peak", TimeSpan.FromSeconds(2), 20, 60),
        ]);

        schedule.Count.ShouldBe(40 + 80);
        schedule.Duration.ShouldBe(TimeSpan.FromSeconds(7));
        schedule.TimeOf(39).ShouldBeLessThan(TimeSpan.FromSeconds(2));
        schedule.TimeOf(40).ShouldBe(TimeSpan.FromSeconds(5));
        schedule.PhaseAt(TimeSpan.FromSeconds(3)).ShouldBe("idle");
        schedule.PhaseAt(TimeSpan.FromSeconds(7)).ShouldBeNull();
        schedule.RateAt(TimeSpan.FromSeconds(6)).ShouldBe(40, 1e-9);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.25)]
    [InlineData(3.7)]
    public void TimeOf_ArrivalsBeforeAnyTime_MatchTheIntegralUpToThatTime(double seconds)
    {
        // 10/s constant for 2 s, then 10 to 30 over 2 s: integral 10 t, then 20 + 10 u + 5 u^2.
        var schedule = new ArrivalSchedule(
        [
            new LoadPhase("baseline", TimeSpan.FromSeconds(2), 10, 10),
            new LoadPhase("ramp", TimeSpan.FromSeconds(2), 10, 30),
        ]);
        var u = Math.Max(0, seconds - 2);
        var integral = seconds <= 2 ? 10 * seconds : 20 + (10 * u) + (5 * u * u);

        var before = Enumerable.Range(0, (int)schedule.Count).Count(k => schedule.TimeOf(k).TotalSeconds < seconds);

        before.ShouldBe((int)Math.Ceiling(integral - 1e-9));
    }

    [Fact]
    public void TimeOf_EveryArrival_IsNonDecreasingAndInsideTheRun()
    {
        var schedule = new ArrivalSchedule(
        [
            new LoadPhase("ramp", TimeSpan.FromSeconds(3), 7, 333),
            new LoadPhase("peak", TimeSpan.FromSeconds(1.3), 333, 333),
        ]);

        var times = Enumerable.Range(0, (int)schedule.Count).Select(k => schedule.TimeOf(k)).ToArray();

        times.ShouldBeInOrder(SortDirection.Ascending);
        times[^1].ShouldBeLessThanOrEqualTo(schedule.Duration);
        schedule.Count.ShouldBe((long)Math.Ceiling((((7 + 333) / 2.0 * 3) + (333 * 1.3)) - 1e-9));
    }

    [Fact]
    public void TimeOf_IndexBeyondCount_Throws()
    {
        var schedule = new ArrivalSchedule([new LoadPhase("baseline", TimeSpan.FromSeconds(1), 10, 10)]);

        Should.Throw<ArgumentOutOfRangeException>(() => schedule.TimeOf(10));
    }
}
