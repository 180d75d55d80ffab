using Chaos.Cli.Agents;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Agents;

/// <summary>An agent reads the coordinator's clock NTP's way and starts at the coordinator's instant less the offset.</summary>
public sealed class ClockSampleTests
{
    private static readonly DateTimeOffset Sent = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Offset_CoordinatorFiveSecondsAhead_IsFiveSecondsWithinHalfTheRoundTrip()
    {
        // The request took 4 ms there and back; the coordinator read its clock 1 ms after it arrived.
        var sample = new ClockSample(Sent, Sent + TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(3), Sent + TimeSpan.FromMilliseconds(4));

        sample.RoundTrip.ShouldBe(TimeSpan.FromMilliseconds(4));
        sample.Offset.ShouldBe(TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(1));
        (sample.Offset - TimeSpan.FromSeconds(5)).Duration().ShouldBeLessThanOrEqualTo(sample.RoundTrip / 2);
    }

    [Fact]
    public void Offset_CoordinatorBehind_IsNegative()
    {
        var sample = new ClockSample(Sent, Sent - TimeSpan.FromMilliseconds(250) + TimeSpan.FromMilliseconds(1), Sent + TimeSpan.FromMilliseconds(2));

        sample.Offset.ShouldBe(TimeSpan.FromMilliseconds(-250));
    }

    [Fact]
    public void Best_SeveralReadings_KeepsTheShortestRoundTrip()
    {
        var slow = new ClockSample(Sent, Sent + TimeSpan.FromMilliseconds(40), Sent + TimeSpan.FromMilliseconds(50));
        var fast = new ClockSample(Sent, Sent + TimeSpan.FromMilliseconds(1), Sent + TimeSpan.FromMilliseconds(2));

        ClockSample.Best([slow, fast, slow]).ShouldBe(fast);
    }

    [Theory]
    [InlineData(0.12, "+0.12 ms")]
    [InlineData(-3.4, "-3.40 ms")]
    [InlineData(-0.001, "+0.00 ms")]
    [InlineData(0, "+0.00 ms")]
    public void Format_WritesASignedMillisecondFigure(double milliseconds, string text) =>
        ClockSample.Format(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(text);

    [Fact]
    public void Best_NoReading_Throws() =>
        Should.Throw<ArgumentException>(() => ClockSample.Best([]));
}
