using Chaos.Engine.Load;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Load;

public sealed class JourneyMixTests
{
    [Fact]
    public void Pick_FixedSeed_RespectsWeights()
    {
        var mix = new JourneyMix(new Dictionary<string, int> { ["browse"] = 6, ["addToCart"] = 3, ["checkout"] = 1 });
        var random = new Random(42);

        var counts = Enumerable.Range(0, 10_000).Select(_ => mix.Pick(random)).CountBy(name => name).ToDictionary();

        counts["browse"].ShouldBeInRange(5_800, 6_200);
        counts["addToCart"].ShouldBeInRange(2_850, 3_150);
        counts["checkout"].ShouldBeInRange(900, 1_100);
    }

    [Fact]
    public void Pick_SameSeedAnyDictionaryOrder_GivesSameSequence()
    {
        var one = new JourneyMix(new Dictionary<string, int> { ["browse"] = 2, ["checkout"] = 1 });
        var other = new JourneyMix(new Dictionary<string, int> { ["checkout"] = 1, ["browse"] = 2 });
        var (r1, r2) = (new Random(7), new Random(7));

        var first = Enumerable.Range(0, 100).Select(_ => one.Pick(r1)).ToArray();
        var second = Enumerable.Range(0, 100).Select(_ => other.Pick(r2)).ToArray();

        second.ShouldBe(first);
    }

    [Fact]
    public void Pick_ZeroWeight_NeverPicked()
    {
        var mix = new JourneyMix(new Dictionary<string, int> { ["browse"] = 1, ["admin"] = 0 });
        var random = new Random(1);

        Enumerable.Range(0, 1_000).Select(_ => mix.Pick(random)).ShouldAllBe(name => name == "browse");
        mix.Journeys.ShouldBe(["browse"]);
    }
}
