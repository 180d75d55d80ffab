using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Scenarios;

public sealed class ScenarioErrorTests
{
    [Fact]
    public void ToString_WithLineAndField_GivesFileLineFieldAndMessage()
    {
        var error = new ScenarioError("scenarios/x.yaml", 14, 22, "faults[1].fault.injectionRate", "1.5 is outside [0, 1]; use 0.05 for 5%.");

        error.ToString().ShouldBe("scenarios/x.yaml:14: faults[1].fault.injectionRate: 1.5 is outside [0, 1]; use 0.05 for 5%.");
    }

    [Fact]
    public void ToString_WithoutField_LeavesTheFieldOut()
    {
        new ScenarioError("x.yaml", 3, 1, "", "YAML syntax error: oops; fix it.").ToString().ShouldBe("x.yaml:3: YAML syntax error: oops; fix it.");
    }

    [Fact]
    public void ToString_WithoutLine_LeavesTheLineOut()
    {
        new ScenarioError("x.yaml", 0, 0, "", "file not found.").ToString().ShouldBe("x.yaml: file not found.");
    }

    [Fact]
    public void IsValid_WithErrors_IsFalse()
    {
        new ScenarioLoadResult(null, [new ScenarioError("x", 1, 1, "", "m")]).IsValid.ShouldBeFalse();
        new ScenarioLoadResult(null, []).IsValid.ShouldBeFalse();
    }
}
