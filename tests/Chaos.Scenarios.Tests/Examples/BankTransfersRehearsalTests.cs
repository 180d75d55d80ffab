using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Examples;

/// <summary>
/// The example that is not the storefront, run as a newcomer runs it: chaos starts the bank simulator from its mapping
/// files and the API as a child process, browns the bank out, and judges from the traces.
/// </summary>
public sealed class BankTransfersRehearsalTests
{
    private static string Rehearsal => Path.Combine(Repository.Root, "examples", "bank-transfers", "rehearsal.yaml");

    [Fact]
    public async Task BankBrownout_WithTheStandardHandlerRetryingPosts_FailsAtMostOnceNamingTheDuplicatedJourneys()
    {
        var run = await ScenarioRun.ExecuteSystemAsync(Rehearsal);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.FailedInvariants.ShouldBe(["atMostOnce bank.transfers"], run.ToString());
        run.FailedExpectations.ShouldBe(["brownout pay p99"], run.ToString());   // two 1 s attempts and the retry delay: past 2 s
        BreakerOpenedFromTheApisOwnTelemetry(run);
        run.Output.ShouldContain("calls to transfers, answered", Case.Sensitive, run.ToString());
        run.Output.ShouldMatch(@"trace [0-9a-f]{32}: pay \(user \d+");
    }

    [Fact]
    public async Task BankBrownout_WithRetryPostsOff_Passes()
    {
        var run = await ScenarioRun.ExecuteSystemAsync(Rehearsal, "Bank__RetryPosts=false");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Verdict.ShouldBe("pass", run.ToString());
        BreakerOpenedFromTheApisOwnTelemetry(run);
    }

    /// <summary>The breaker's figure comes from the API's Polly telemetry: its pipeline is reported and the circuit of bank opened.</summary>
    private static void BreakerOpenedFromTheApisOwnTelemetry(ScenarioRun run)
    {
        var report = run.Report!.RootElement;
        var opened = report.GetProperty("expectations").EnumerateArray().Single(e => e.GetProperty("metric").GetString() == "timeToCircuitOpen");
        opened.GetProperty("measured").GetBoolean().ShouldBeTrue(run.ToString());
        opened.GetProperty("observed").GetDouble().ShouldBeInRange(0, 4, run.ToString());
        report.GetProperty("circuits").EnumerateArray()
            .Select(c => (c.GetProperty("dependency").GetString(), c.GetProperty("state").GetString()))
            .ShouldContain(("bank", "open"), run.ToString());
        var pipeline = report.GetProperty("pipelines").EnumerateArray().ShouldHaveSingleItem();
        pipeline.GetProperty("pipeline").GetString().ShouldBe("BankClient-standard");
        pipeline.GetProperty("dependency").GetString().ShouldBe("bank");
        pipeline.GetProperty("events").GetProperty("OnCircuitOpened").GetInt64().ShouldBeGreaterThan(0);
    }
}
