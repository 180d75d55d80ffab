using Chaos.Engine.Judging;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Judging;

public sealed class MetricNamesTests
{
    [Theory]
    [InlineData("p99", 0.2688, "268.8ms")]
    [InlineData("timeToCircuitOpen", 2.2405, "2.24s")]
    [InlineData("successRate", 0.30769, "0.3077")]
    [InlineData("amplification", 1.5, "1.5")]
    public void FormatValue_ByMetric_UsesUnitsForDurationsOnly(string metric, double value, string expected)
    {
        MetricNames.FormatValue(metric, value).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(double.NaN)]
    public void FormatValue_NoValue_IsDash(double? value)
    {
        MetricNames.FormatValue("p99", value).ShouldBe("-");
    }
}
