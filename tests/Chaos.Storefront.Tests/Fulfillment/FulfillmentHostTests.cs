using Chaos.Storefront.Fulfillment;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Storefront.Tests.Fulfillment;

public sealed class FulfillmentHostTests
{
    private static readonly TimeSpan Ejection = TimeSpan.FromSeconds(30);

    [Fact]
    public void Eject_UntilTheEjectionDurationElapses_IsOpenThenHalfOpenThenClosedByASuccess()
    {
        var time = new FakeTimeProvider();
        var host = new FulfillmentHost(new FulfillmentHostOptions { Name = "fc-win-1", BaseUrl = new Uri("http://127.0.0.1:5401") }, time);

        host.Eject(Ejection).ShouldBeTrue();

        host.Circuit.ShouldBe("open");
        host.IsAvailable.ShouldBeFalse();
        host.IsHealthy.ShouldBeFalse();
        host.EjectedUntil.ShouldBe(time.GetUtcNow() + Ejection);

        time.Advance(Ejection - TimeSpan.FromTicks(1));
        host.IsAvailable.ShouldBeFalse();
        time.Advance(TimeSpan.FromTicks(1));
        host.Circuit.ShouldBe("half-open");
        host.IsAvailable.ShouldBeTrue();
        host.IsHealthy.ShouldBeFalse();

        host.RecordSuccess();
        host.Circuit.ShouldBe("closed");
        host.IsHealthy.ShouldBeTrue();
        host.BaseUrl.ToString().ShouldBe("http://127.0.0.1:5401/");
    }

    [Fact]
    public void Candidates_WithAnEjectedHost_OffersThePreferredHostFirstThenTheOthersInRoundRobin()
    {
        var time = new FakeTimeProvider();
        var options = Options.Create(new FulfillmentOptions
        {
            Hosts =
            [
                new FulfillmentHostOptions { Name = "a", BaseUrl = new Uri("http://127.0.0.1:1/") },
                new FulfillmentHostOptions { Name = "b", BaseUrl = new Uri("http://127.0.0.1:2/") },
                new FulfillmentHostOptions { Name = "c", BaseUrl = new Uri("http://127.0.0.1:3/") },
            ],
        });
        var pool = new FulfillmentHostPool(options, time);
        pool.Find("b")!.Eject(Ejection);

        var rounds = Enumerable.Range(0, 3).Select(_ => pool.Candidates().Select(h => h.Name).ToList()).ToList();
        var preferred = pool.Candidates(pool.Find("c")).Select(h => h.Name).ToList();

        rounds.ShouldAllBe(r => r.Count == 2 && r.Contains("a") && r.Contains("c"));
        rounds.Select(r => r[0]).Distinct().Count().ShouldBe(2);
        preferred.ShouldBe(["c", "a"]);
        pool.EarliestReturn.ShouldBe(time.GetUtcNow() + Ejection);

        pool.Find("a")!.Eject(Ejection);
        pool.Find("c")!.Eject(Ejection);
        pool.AnyAvailable.ShouldBeFalse();
        pool.Candidates().ShouldBeEmpty();
        time.Advance(Ejection);
        pool.AnyAvailable.ShouldBeTrue();
    }
}
