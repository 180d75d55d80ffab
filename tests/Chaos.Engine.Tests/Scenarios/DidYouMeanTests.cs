using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Scenarios;

public sealed class DidYouMeanTests
{
    [Theory]
    [InlineData("outgae", "outage")]
    [InlineData("InjectionRate", "injectionRate")]
    [InlineData("injectonRate", "injectionRate")]
    [InlineData("chekout", "checkout")]
    [InlineData("payments.primry", "payments.primary")]
    [InlineData("drian", "drain")]
    public void Find_CloseName_ReturnsIt(string value, string expected)
    {
        string[] candidates = ["outage", "injectionRate", "checkout", "browse", "payments.primary", "payments.secondary", "drain", "name"];

        DidYouMean.Find(value, candidates).ShouldBe(expected);
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("colour")]
    [InlineData("x")]
    public void Find_NothingClose_ReturnsNull(string value)
    {
        DidYouMean.Find(value, ["maxInFlight", "requestTimeout", "journeys", "phases"]).ShouldBeNull();
    }

    [Fact]
    public void Either_SeveralNames_JoinsThemWithOr()
    {
        DidYouMean.Either(["a"]).ShouldBe("a");
        DidYouMean.Either(["a", "b"]).ShouldBe("a or b");
        DidYouMean.Either(["a", "b", "c"]).ShouldBe("a, b or c");
    }
}
