using Chaos.Engine.Running;
using Chaos.Engine.Telemetry;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;
using static Chaos.Engine.Telemetry.ResilienceEventNames;

namespace Chaos.Engine.Tests.Telemetry;

public sealed class ResilienceTimelineTests
{
    private const string Bank = "BankClient-standard";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
    private readonly List<ResilienceEvent> _events = [];
    private readonly DateTimeOffset _start;

    public ResilienceTimelineTests() => _start = _time.GetUtcNow();

    [Fact]
    public void CircuitTransitions_OpenHalfOpenClosed_GivesOneTransitionEachAtItsOffset()
    {
        At(2, OnRetry);
        At(3, OnCircuitOpened);
        At(8, OnCircuitHalfOpened);
        At(8.5, OnCircuitClosed);

        var transitions = ResilienceTimeline.CircuitTransitions(_events, _start);

        transitions.ShouldBe([
            new CircuitTransition(Bank, TimeSpan.FromSeconds(3), "open"),
            new CircuitTransition(Bank, TimeSpan.FromSeconds(8), "half-open"),
            new CircuitTransition(Bank, TimeSpan.FromSeconds(8.5), "closed"),
        ]);
    }

    [Fact]
    public void CircuitTransitions_ClosedBeforeHalfOpenedInOneInterval_FollowsTheBreakersCycle()
    {
        At(3, OnCircuitOpened);
        At(9.25, OnCircuitClosed);
        _events.Add(_events[^1] with { EventName = OnCircuitHalfOpened });   // the same interval, arrived second

        ResilienceTimeline.CircuitTransitions(_events, _start).Select(t => t.State).ShouldBe(["open", "half-open", "closed"]);
        ResilienceTimeline.TimeToRecover(_events, Bank, _start + TimeSpan.FromSeconds(4)).ShouldBe(TimeSpan.FromSeconds(5.25));
    }

    [Fact]
    public void CircuitTransitions_HalfOpenedThenOpenedAgainInOneInterval_EndsOpen()
    {
        At(3, OnCircuitOpened);
        At(9.25, OnCircuitOpened);
        _events.Add(_events[^1] with { EventName = OnCircuitHalfOpened });

        ResilienceTimeline.CircuitTransitions(_events, _start).Select(t => t.State).ShouldBe(["open", "half-open", "open"]);
    }

    [Fact]
    public void CircuitTransitions_RepeatedStateAndOtherPipelines_KeepsOnlyChangesPerPipeline()
    {
        At(1, OnCircuitOpened);
        At(1.25, OnCircuitOpened);
        At(2, OnCircuitOpened, pipeline: "tax-standard");

        var transitions = ResilienceTimeline.CircuitTransitions(_events, _start, closedAtStart: [Bank, "fx-standard"]);

        transitions.ShouldBe([
            new CircuitTransition(Bank, TimeSpan.Zero, "closed"),
            new CircuitTransition("fx-standard", TimeSpan.Zero, "closed"),
            new CircuitTransition(Bank, TimeSpan.FromSeconds(1), "open"),
            new CircuitTransition("tax-standard", TimeSpan.FromSeconds(2), "open"),
        ]);
    }

    [Fact]
    public void TimeToCircuitOpen_OpenedAfterTheFault_IsTheTimeFromTheFault()
    {
        At(10, OnRetry);
        At(12.25, OnCircuitOpened);

        ResilienceTimeline.TimeToCircuitOpen(_events, "BankClient", _start + TimeSpan.FromSeconds(10))
            .ShouldBe(TimeSpan.FromSeconds(2.25));
    }

    [Fact]
    public void TimeToCircuitOpen_AlreadyOpenWhenTheFaultStarts_IsZero()
    {
        At(4, OnCircuitOpened);

        ResilienceTimeline.TimeToCircuitOpen(_events, Bank, _start + TimeSpan.FromSeconds(10)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void TimeToCircuitOpen_NeverOpened_IsNull()
    {
        At(11, OnRetry);
        At(12, OnCircuitOpened, pipeline: "tax-standard");

        ResilienceTimeline.TimeToCircuitOpen(_events, "BankClient", _start + TimeSpan.FromSeconds(10)).ShouldBeNull();
    }

    [Fact]
    public void TimeToRecover_ClosedForGoodAfterTheFault_IsTheTimeOfTheLastClose()
    {
        At(12, OnCircuitOpened);
        At(20, OnCircuitHalfOpened);
        At(20.1, OnCircuitOpened);   // the trial call failed: the fault had not quite cleared
        At(25, OnCircuitHalfOpened);
        At(25.5, OnCircuitClosed);

        ResilienceTimeline.TimeToRecover(_events, Bank, _start + TimeSpan.FromSeconds(19)).ShouldBe(TimeSpan.FromSeconds(6.5));
    }

    [Theory]
    [InlineData(false, 0.0)]     // never opened: closed all along
    [InlineData(true, null)]     // opened and never closed
    public void TimeToRecover_WithoutATransitionAfterTheFault_IsZeroWhenClosedElseNull(bool opened, double? expectedSeconds)
    {
        if (opened)
        {
            At(12, OnCircuitOpened);
        }

        ResilienceTimeline.TimeToRecover(_events, Bank, _start + TimeSpan.FromSeconds(19))
            .ShouldBe(expectedSeconds is null ? null : TimeSpan.FromSeconds(expectedSeconds.Value));
    }

    [Fact]
    public void TimeToRecover_StillHalfOpenAtTheEnd_IsNull()
    {
        At(12, OnCircuitOpened);
        At(20, OnCircuitHalfOpened);

        ResilienceTimeline.TimeToRecover(_events, Bank, _start + TimeSpan.FromSeconds(19)).ShouldBeNull();
    }

    [Fact]
    public void RetriesByPipeline_CountsOnRetryByPipelineInTheWindow()
    {
        At(1, OnRetry, count: 4);
        At(2, OnRetry);
        At(2, OnTimeout, count: 3);
        At(3, OnRetry, pipeline: "tax-standard", count: 2);
        At(9, OnRetry, count: 7);   // after the window

        var retries = ResilienceTimeline.RetriesByPipeline(_events, _start, _start + TimeSpan.FromSeconds(5));

        retries.ShouldBe(new Dictionary<string, long> { [Bank] = 5, ["tax-standard"] = 2 }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("BankClient-standard", "BankClient", true)]
    [InlineData("BankClient-standard", "BankClient-standard", true)]
    [InlineData("bank", "bank", true)]
    [InlineData("BankClient-standard", "bankclient", false)]
    [InlineData("BankClient-hedging", "BankClient", false)]
    public void IsPipeline_MatchesTheNameOrItsStandardHandler(string pipeline, string name, bool expected) =>
        ResilienceTimeline.IsPipeline(pipeline, name).ShouldBe(expected);

    private void At(double seconds, string eventName, string pipeline = Bank, long count = 1)
    {
        _time.SetUtcNow(_start + TimeSpan.FromSeconds(seconds));
        _events.Add(new ResilienceEvent(_time.GetUtcNow(), pipeline, "standard", eventName, count));
    }
}
