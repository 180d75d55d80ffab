using Chaos.Engine.Judging;
using Chaos.Engine.Scenarios;
using Chaos.Targets.Storefront;
using Shouldly;
using Xunit;

namespace Chaos.Targets.Storefront.Tests;

public sealed class ReconcilerAccessTests
{
    [Fact]
    public void Check_EveryProbeRefused_Passes()
    {
        var access = new AccessLedger();
        access.Record("admin", "none", 401, TimeSpan.FromSeconds(1));
        access.Record("admin", "expired", 401, TimeSpan.FromSeconds(2));
        access.Record("pos", "wrongRole", 403, TimeSpan.FromSeconds(3));

        var result = Check(access);

        result.ShouldSatisfyAllConditions(
            () => result.Passed.ShouldBeTrue(),
            () => result.Measured.ShouldBeTrue(),
            () => result.Message.ShouldBe("all 3 probes with a bad or missing credential were refused (2 on admin, 1 on pos)"));
    }

    [Fact]
    public void Check_ProbeAnswered2xx_FailsListingTheFirstViolations()
    {
        var access = new AccessLedger();
        access.Record("admin", "none", 401, TimeSpan.FromSeconds(1));
        access.Record("admin", "expired", 200, TimeSpan.FromSeconds(12.5));
        access.Record("pos", "unsigned", 201, TimeSpan.FromSeconds(14));

        var result = Check(access);

        result.Passed.ShouldBeFalse();
        result.Measured.ShouldBeTrue();
        result.Message.ShouldBe("2 of 3 probes with a bad or missing credential were let in (2 on admin, 1 on pos); first: admin with credential expired answered 200 at 12.5s; pos with credential unsigned answered 201 at 14.0s");
        result.Examples.ShouldBe(["admin with credential expired answered 200 at 12.5s", "pos with credential unsigned answered 201 at 14.0s"]);
    }

    [Fact]
    public void Check_NoProbes_IsNotMeasuredAndSaysToAddTheProbeJourney()
    {
        var result = Check(new AccessLedger());
        var withoutLedger = Reconciler.Check([InvariantKind.NoUnauthenticatedAccess], [], [], []).Single();

        result.Passed.ShouldBeFalse();
        result.Measured.ShouldBeFalse();
        result.Message.ShouldBe("no probe of a protected surface was made, so unauthenticated access could not be checked; add the adminProbe journey to load.journeys with a weight above 0");
        withoutLedger.Measured.ShouldBeFalse();
    }

    [Fact]
    public void Record_FromManyThreads_CountsEveryProbeAndViolation()
    {
        var access = new AccessLedger();

        Parallel.For(0, 2000, i => access.Record(i % 2 == 0 ? "admin" : "pos", "none", i % 10 == 0 ? 200 : 401, TimeSpan.FromMilliseconds(i)));

        access.Probes.ShouldBe(2000);
        access.ViolationCount.ShouldBe(200);
        access.Violations.Count.ShouldBe(200);
        access.ProbesBySurface.ShouldBe(new Dictionary<string, long> { ["admin"] = 1000, ["pos"] = 1000 }, ignoreOrder: true);
    }

    [Fact]
    public void Record_BeyondTheKeptViolations_OnlyCountsThem()
    {
        var access = new AccessLedger();

        for (var i = 0; i < AccessLedger.MaxViolationsKept + 5; i++)
        {
            access.Record("admin", "foreign", 200, TimeSpan.Zero);
        }

        access.ViolationCount.ShouldBe(AccessLedger.MaxViolationsKept + 5);
        access.Violations.Count.ShouldBe(AccessLedger.MaxViolationsKept);
        Check(access).Message.ShouldStartWith($"{AccessLedger.MaxViolationsKept + 5} of {AccessLedger.MaxViolationsKept + 5} probes");
    }

    private static InvariantResult Check(AccessLedger access) =>
        Reconciler.Check([InvariantKind.NoUnauthenticatedAccess], [], [], [], access).Single();
}
