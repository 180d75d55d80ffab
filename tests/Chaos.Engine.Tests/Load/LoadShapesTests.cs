using Chaos.Engine.Load;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Load;

public sealed class LoadShapesTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(LoadShapes.CyberMonday)]
    [InlineData(LoadShapes.PrimeDayOpening)]
    [InlineData(LoadShapes.Bfcm150)]
    [InlineData(LoadShapes.FlashSale)]
    public void Expand_AnyShape_NamesItsPartsAndLastsExactlyItsDuration(string shape)
    {
        var phases = LoadShapes.Expand(shape, 40, TimeSpan.FromSeconds(77));

        phases.Select(p => p.Name).ShouldBe(LoadShapes.PartsOf(shape).Select(part => $"{shape}-{part}"));
        phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration).ShouldBe(TimeSpan.FromSeconds(77));
        phases.ShouldAllBe(p => p.Duration > TimeSpan.Zero && p.Model == LoadModel.Open);
    }

    [Fact]
    public void Expand_CyberMonday_HasAPeakToAverageOfOneAndAHalfToTwo()
    {
        var phases = LoadShapes.Expand(LoadShapes.CyberMonday, 40, Minute);

        var average = new ArrivalSchedule(phases).ExpectedArrivals / Minute.TotalSeconds;
        (40 / average).ShouldBeInRange(1.5, 2.0);
        phases.Single(p => p.Name == "cyberMonday-morning").StartRate.ShouldBe(26, 1e-9);
        phases.Single(p => p.Name == "cyberMonday-peak").Duration.ShouldBe(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Expand_PrimeDayOpening_SpikesWithinSecondsThenDecaysToHalf()
    {
        var phases = LoadShapes.Expand(LoadShapes.PrimeDayOpening, 40, Minute);

        var opening = phases.Single(p => p.Name == "primeDayOpening-opening");
        opening.Duration.ShouldBe(TimeSpan.FromSeconds(3));
        opening.EndRate.ShouldBe(40);
        phases[^1].StartRate.ShouldBe(20);
        phases[0].StartRate.ShouldBeLessThan(opening.EndRate / 5);
    }

    [Fact]
    public void Expand_Bfcm150_HoldsOneAndAHalfTimesLastYearsPeak()
    {
        var phases = LoadShapes.Expand(LoadShapes.Bfcm150, 40, Minute);

        var hold = phases.Single(p => p.Name == "bfcm150-hold");
        (hold.StartRate, hold.EndRate).ShouldBe((60.0, 60.0));
        phases.Max(p => Math.Max(p.StartRate, p.EndRate)).ShouldBe(60);
    }

    [Fact]
    public void Expand_FlashSaleWithScale_BurstsToScaledPeakBetweenQuietParts()
    {
        var phases = LoadShapes.Expand(LoadShapes.FlashSale, 40, Minute, scale: 2);

        phases.Select(p => p.StartRate).ShouldBe([4.0, 80, 4]);
        phases[1].Duration.ShouldBe(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void Expand_UnknownShapeOrTooShort_Throws()
    {
        Should.Throw<ArgumentException>(() => LoadShapes.Expand("blackFriday", 40, Minute)).Message.ShouldContain("bfcm150, cyberMonday, flashSale, primeDayOpening");
        Should.Throw<ArgumentOutOfRangeException>(() => LoadShapes.Expand(LoadShapes.FlashSale, 40, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Scaled_Half_HalvesRatesAndCopiesAndRecordsTheScale()
    {
        var load = new LoadProfile
        {
            Journeys = new Dictionary<string, int> { ["browse"] = 1 },
            Phases = [new LoadPhase("open", Minute, 10, 40), LoadPhase.Closed("users", Minute, 1, 20)],
            MaxInFlight = 16,
        };

        var half = load.Scaled(0.5);
        var twice = load.Scaled(2);

        (half.Phases[0].StartRate, half.Phases[0].EndRate).ShouldBe((5.0, 20.0));
        (half.Phases[1].StartCopies, half.Phases[1].EndCopies).ShouldBe((1, 10));
        half.Scale.ShouldBe(0.5);
        half.MaxInFlight.ShouldBe(16);
        twice.Phases[1].EndCopies.ShouldBe(40);
        twice.MaxInFlight.ShouldBe(40);
        Should.Throw<ArgumentOutOfRangeException>(() => load.Scaled(0)).Message.ShouldContain("above 0");
    }

    [Fact]
    public void VirtualUser_SameSeedAndId_SameRandomAndStateSlot()
    {
        var a = new VirtualUser(3, 42);
        var b = new VirtualUser(3, 42);
        var c = new VirtualUser(4, 42);

        a.Random.Next().ShouldBe(b.Random.Next());
        new VirtualUser(3, 42).Random.Next().ShouldNotBe(c.Random.Next());
        var cart = a.GetOrAdd(() => new List<string>());
        cart.Add("sku-1");
        a.GetOrAdd(() => new List<string>()).ShouldBeSameAs(cart);
        Should.Throw<InvalidOperationException>(() => a.GetOrAdd(() => new JourneyCount())).Message.ShouldContain("List`1");
    }
}
