using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Scenarios;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("250ms", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("0.5ms", 5_000)]
    [InlineData("30s", 30 * TimeSpan.TicksPerSecond)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("0s", 0)]
    [InlineData("2m", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("1h", TimeSpan.TicksPerHour)]
    [InlineData("00:00:30", 30 * TimeSpan.TicksPerSecond)]
    [InlineData("01:02:03", TimeSpan.TicksPerHour + (2 * TimeSpan.TicksPerMinute) + (3 * TimeSpan.TicksPerSecond))]
    [InlineData("00:00:01.5", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData(" 30s ", 30 * TimeSpan.TicksPerSecond)]
    [InlineData("-5s", -5 * TimeSpan.TicksPerSecond)]
    public void TryParse_ValidDuration_ReturnsTheValue(string text, long ticks)
    {
        DurationParser.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromTicks(ticks));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("ten seconds")]
    [InlineData("30 s")]
    [InlineData("30S")]
    [InlineData("30sec")]
    [InlineData("1d")]
    [InlineData(".5s")]
    [InlineData("5.s")]
    [InlineData("+5s")]
    [InlineData("1,5s")]
    [InlineData("1e3ms")]
    [InlineData("00:30")]
    [InlineData("25:00:00")]
    [InlineData("1:2:3:4")]
    [InlineData("99999999999999999999h")]
    [InlineData("99999999999999999999999999999999h")]
    [InlineData("10675200d")]
    public void TryParse_NotADuration_ReturnsFalse(string text)
    {
        DurationParser.TryParse(text, out var value).ShouldBeFalse();
        value.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(250 * TimeSpan.TicksPerMillisecond, "250ms")]
    [InlineData(1500 * TimeSpan.TicksPerMillisecond, "1.5s")]
    [InlineData(60 * TimeSpan.TicksPerSecond, "60s")]
    [InlineData(90 * TimeSpan.TicksPerSecond, "90s")]
    [InlineData(2 * TimeSpan.TicksPerMinute, "2m")]
    [InlineData(TimeSpan.TicksPerHour, "1h")]
    [InlineData(-5 * TimeSpan.TicksPerSecond, "-5s")]
    public void Format_Duration_WritesItAsScenarioFilesDo(long ticks, string expected)
    {
        DurationParser.Format(TimeSpan.FromTicks(ticks)).ShouldBe(expected);
    }
}
