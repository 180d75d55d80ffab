using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Engine.Judging;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Testing.Tests;

/// <summary>
/// The example bank API rehearsed as one more test: hosted in this process from its <see cref="WebApplicationFactory{TEntryPoint}"/>,
/// its bank simulated from the system file's mappings and set on the factory by <c>Bank:BaseAddress</c>. The runs share
/// Polly's meter in this process, so they run one after another (one class).
/// </summary>
public sealed class BankTransfersInProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-testing-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AsWritten_TheRetriedPostFailsAtMostOnce_AndTheMessageNamesIt()
    {
        await using var factory = new WebApplicationFactory<Program>();

        var result = await ChaosRehearsal.RunAsync(factory, Example.ShortBrownout(_folder), Options(), TestContext.Current.CancellationToken);

        result.Verdict.ShouldBe(Verdict.Fail, result.ToString());
        result.AssertFailed("atMostOnce bank.transfers");
        var failure = Should.Throw<RehearsalException>(result.AssertPassed);
        failure.Message.ShouldContain("expected the verdict pass, got fail");
        failure.Message.ShouldContain("invariant atMostOnce bank.transfers: ");
        failure.Message.ShouldMatch(@"trace [0-9a-f]{32}: pay \(user \d+");
        BreakerOpenedFromTheApisTelemetry(result);
        File.Exists(Path.Combine(result.ReportsDirectory, "report.json")).ShouldBeTrue();
        File.Exists(Path.Combine(result.ReportsDirectory, "junit.xml")).ShouldBeTrue();
    }

    [Fact]
    public async Task WithTheFixAsASetting_AndThePaymentJourneyInCSharp_Passes()
    {
        await using var factory = new WebApplicationFactory<Program>();
        var runs = 0L;
        var options = Options().WithSetting("Bank:RetryPosts", "false").WithJourney("pay", (client, user, token) =>
        {
            Interlocked.Increment(ref runs);
            return PayAsync(client, user, token);
        });

        var result = await ChaosRehearsal.RunAsync(factory, Example.ShortBrownout(_folder), options, TestContext.Current.CancellationToken);

        result.AssertPassed();
        var recorded = result.Report.Load.ShouldNotBeNull().Started;   // pay is the mix's only journey
        runs.ShouldBeGreaterThanOrEqualTo(recorded + (3 * 4), "the warm-up's three rounds of four pay journeys ran before the load, unrecorded");
        result.Report.Invariants.ShouldHaveSingleItem().ShouldSatisfyAllConditions(i => i.Measured.ShouldBeTrue(), i => i.Passed.ShouldBeTrue());
        BreakerOpenedFromTheApisTelemetry(result);
    }

    [Fact]
    public async Task APool_RegionalOutageWithABreakerPerEndpoint_FailsOverToTheHealthyRegionAndPasses()
    {
        // The bank as a pool of two regions: each instance's URL is set on the factory as Bank:Endpoints:0 and :1.
        await using var factory = new WebApplicationFactory<Program>();
        var options = Options().WithSetting("Bank:BreakerPerEndpoint", "true");

        var result = await ChaosRehearsal.RunAsync(factory, Example.ShortRegionalOutage(_folder), options, TestContext.Current.CancellationToken);

        result.AssertPassed();
        result.Report.Faults.Select(f => (f.Dependency, f.Action)).ShouldBe([("bank.eu-1", "applied"), ("bank.eu-1", "cleared")], result.ToString());
        result.Report.Dependencies.Select(d => d.Dependency).Order(StringComparer.Ordinal).ToArray().ShouldBe(["bank.eu-1", "bank.us-1"], result.ToString());
        result.Report.Dependencies.Single(d => d.Dependency == "bank.us-1").Calls.ShouldBeGreaterThanOrEqualTo(57, "the outage's payments (10 a second for 6 s) went to the US region");
        result.Report.Circuits.Where(c => c.Dependency == "bank.eu-1").Select(c => c.State).ShouldContain("open", "the EU host's own breaker, told apart by its pipeline.instance");
        result.Report.Circuits.Where(c => c.Dependency == "bank.us-1").Select(c => c.State).Distinct().ShouldBe(["closed"], result.ToString());
        BreakerOpenedFromTheApisTelemetry(result, opened: "bank.eu-1");
    }

    [Fact]
    public async Task Cancelled_StopsTheLoadAndTheServiceWithinSeconds()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var started = TimeProvider.System.GetTimestamp();
        cancel.CancelAfter(TimeSpan.FromSeconds(3));

        await Should.ThrowAsync<OperationCanceledException>(() => ChaosRehearsal.RunAsync(factory, Example.ShortBrownout(_folder), Options(), cancel.Token));

        TimeProvider.System.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(15), "the 12 s load must not run to its end");
    }

    [Fact]
    public async Task FailFast_AnOutageThatFailsItsExpectation_StopsTheLoadAtItsEndAndJudgesNoLaterPhase()
    {
        await using var factory = new WebApplicationFactory<Program>();
        var scenario = Path.Combine(_folder, "outage-fail-fast.yaml");
        await File.WriteAllTextAsync(scenario, $$"""
            name: bank-outage-fail-fast
            system: "{{Path.Combine(Example.Folder, "system.yaml")}}"
            incident: "The bank answers 500 to every transfer for 3 s"
            description: A contract no service keeps, so the first outage phase fails.
            seed: 7
            load:
              journeys: { pay: 1 }
              phases:
                - { name: steady, duration: 40s, inject: { rate: 10 } }
            faults:
              - { name: outage, dependency: bank, route: transfers, start: 2s, duration: 3s, fault: { kind: status, status: 500 } }
            expectations:
              - { phase: outage, journey: pay, successRate: { atLeast: 0.99 } }
              - { phase: recovery, journey: pay, availableRate: { atLeast: 0.5 } }
            invariants:
              - atMostOnce: { dependency: bank, route: transfers }
            """, TestContext.Current.CancellationToken);
        var options = Options();
        options.FailFast = true;

        var result = await ChaosRehearsal.RunAsync(factory, scenario, options, TestContext.Current.CancellationToken);

        result.AssertFailed("successRate");
        var stopped = result.Report.StoppedEarly.ShouldNotBeNull(result.ToString());
        stopped.Expectation.ShouldBe("outage pay successRate");
        stopped.AtSeconds.ShouldBeInRange(5 + 1, 20, "judged a second after the outage's journeys were recorded, long before the 40 s load ends");
        var load = result.Report.Load.ShouldNotBeNull();
        load.Scheduled.ShouldBeLessThan(400 / 2, "no arrival after the stop");
        load.ElapsedSeconds.ShouldBeLessThan(30);
        var recovery = result.Report.Expectations.Single(e => e.Phase == "recovery");
        recovery.Skipped.ShouldBeTrue(result.ToString());
        recovery.Message.ShouldStartWith($"not judged: the run stopped at {stopped.AtSeconds:0.0} s, once outage pay successRate had failed (--fail-fast)");
        result.Report.Invariants.ShouldHaveSingleItem().Measured.ShouldBeTrue("invariants are still checked, on what ran");
        result.Report.Errors.ShouldBeEmpty();
        File.ReadAllText(Path.Combine(result.ReportsDirectory, "junit.xml")).ShouldContain("<skipped message=\"not judged:");
    }

    /// <summary>The pay journey of the system file, written in C#: POST a payment, then read it back.</summary>
    private static async ValueTask<Engine.Load.JourneyResult> PayAsync(HttpClient client, Engine.Load.VirtualUser user, CancellationToken cancellationToken)
    {
        using var paid = await client.PostAsJsonAsync("payments", new { amount = user.Random.Next(100, 50_000), reference = Guid.NewGuid().ToString() }, cancellationToken);
        if (paid.StatusCode != System.Net.HttpStatusCode.Created)
        {
            return JourneyOutcome.From(paid, 201);
        }

        var id = (await paid.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("paymentId").GetString();
        using var check = await client.GetAsync($"payments/{id}", cancellationToken);
        return JourneyOutcome.From(check);
    }

    private RehearsalOptions Options() => new() { ReportsDirectory = Path.Combine(_folder, "reports-" + Guid.NewGuid().ToString("N")[..8]) };

    /// <summary>The breaker of <paramref name="opened"/> (bank, or a host of its pool) opened, as the API's own Polly telemetry says.</summary>
    private static void BreakerOpenedFromTheApisTelemetry(RehearsalResult result, string opened = "bank")
    {
        var expectation = result.Report.Expectations.Single(e => e.Metric == "timeToCircuitOpen");
        expectation.Measured.ShouldBeTrue(result.ToString());
        expectation.Passed.ShouldBeTrue(result.ToString());
        result.Report.Pipelines.ShouldContain(p => p.Pipeline == "BankClient-standard" && p.Dependency == opened && p.Events.ContainsKey("OnCircuitOpened"), result.ToString());
    }
}
