using Chaos.Engine.Faults;
using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    private static Scenario LoadValid(string yaml)
    {
        var result = ScenarioLoader.Parse(yaml, ScenarioYaml.Path);
        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        result.IsValid.ShouldBeTrue();
        return result.Scenario.ShouldNotBeNull();
    }

    [Fact]
    public void Parse_ReadmeExample_GivesTheTopLevelFields()
    {
        var scenario = LoadValid(ScenarioYaml.Valid);

        scenario.Name.ShouldBe("payment-gateway-down");
        scenario.Incident.ShouldBe("Stripe API, 10 July 2019: most API requests failed for 27 min, then a relapse");
        scenario.Description.ShouldStartWith("Stripe API, 10 July 2019 (INCIDENTS.md #3)");
        scenario.Description.ShouldEndWith("no order is lost or charged twice.");
        scenario.Seed.ShouldBe(20190710);
        scenario.DrainTimeout.ShouldBe(TimeSpan.FromSeconds(60));
        scenario.DrainSettle.ShouldBeNull();
        scenario.SourcePath.ShouldBe(ScenarioYaml.Path);
        scenario.Invariants.ShouldBe([InvariantKind.NoLostOrders, InvariantKind.NoDoubleCharges, InvariantKind.PendingPaymentsCaptured]);
        scenario.Duration.ShouldBe(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void Parse_ReadmeExample_GivesTheLoad()
    {
        var load = LoadValid(ScenarioYaml.Valid).Load;

        load.MaxInFlight.ShouldBe(512);
        load.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        load.Journeys.ShouldBe(new Dictionary<string, int> { ["browse"] = 50, ["addToCart"] = 20, ["checkout"] = 30 }, ignoreOrder: true);
        load.Phases.ShouldBe(
        [
            new LoadPhase("ramp-up", TimeSpan.FromSeconds(10), 5, 40),
            new LoadPhase("peak", TimeSpan.FromSeconds(80), 40, 40),
        ]);
    }

    [Fact]
    public void Parse_ReadmeExample_GivesTheFaultsOrderedByStart()
    {
        var faults = LoadValid(ScenarioYaml.Valid).Faults;

        faults.Select(f => f.Name).ShouldBe(["brownout", "outage"]);
        faults[0].ShouldBe(new FaultWindow
        {
            Name = "brownout",
            Dependency = "payments.primary",
            Route = null,
            Start = TimeSpan.FromSeconds(10),
            Duration = TimeSpan.FromSeconds(10),
            Fault = new FaultSpec { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(2500), InjectionRate = 0.3 },
        });
        faults[1].ShouldBe(new FaultWindow
        {
            Name = "outage",
            Dependency = "payments.primary",
            Route = "charges",
            Start = TimeSpan.FromSeconds(20),
            Duration = TimeSpan.FromSeconds(25),
            Fault = new FaultSpec { Kind = FaultKind.Status, StatusCode = 503, RetryAfter = TimeSpan.FromSeconds(5), InjectionRate = 1.0 },
        });
        faults[1].End.ShouldBe(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public void Parse_ReadmeExample_GivesTheExpectationsWithSecondsAndLines()
    {
        var yaml = ScenarioYaml.Valid;
        var expectations = LoadValid(yaml).Expectations;

        expectations.ShouldBe(
        [
            new Expectation
            {
                Phase = "outage", Journey = "checkout", Metric = ExpectationMetric.SuccessRate, AtLeast = 0.95,
                Line = ScenarioYaml.LineOf(yaml, "- phase: outage", 1),
            },
            new Expectation
            {
                Phase = "outage", Journey = "checkout", Metric = ExpectationMetric.P99, AtMost = 2.0,
                Line = ScenarioYaml.LineOf(yaml, "- phase: outage", 2),
            },
            new Expectation
            {
                Phase = "outage", Dependency = "payments.primary", Metric = ExpectationMetric.TimeToCircuitOpen, AtMost = 5.0,
                Line = ScenarioYaml.LineOf(yaml, "- phase: outage", 3),
            },
            new Expectation
            {
                Phase = "run", Dependency = "payments.primary", Metric = ExpectationMetric.Amplification, AtMost = 3.0,
                Line = ScenarioYaml.LineOf(yaml, "- phase: run"),
            },
        ]);
        expectations[0].Line.ShouldBe(37);
    }

    [Fact]
    public void Parse_DrainSettle_IsRead()
    {
        var scenario = LoadValid(ScenarioYaml.With("drain: { timeout: 60s }", "drain: { timeout: 45s, settle: 10s }"));

        scenario.DrainTimeout.ShouldBe(TimeSpan.FromSeconds(45));
        scenario.DrainSettle.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Parse_ReadmeExample_IsTheExampleOfTheseTests()
    {
        var readme = File.ReadAllText(SourceTree.Find(System.IO.Path.Combine("scenarios", "README.md")));
        var start = readme.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);

        readme[start..end].ShouldBe(ScenarioYaml.Valid);
    }

    [Fact]
    public void Parse_OptionalSectionsLeftOut_UsesDefaults()
    {
        const string Yaml = """
            name: minimal
            incident: A quiet day
            description: Nothing fails.
            seed: 1
            load:
              journeys: { browse: 1 }
              phases:
                - { name: steady, duration: 1m, inject: { rate: 10 } }
            expectations:
              - { phase: run, successRate: { atLeast: 0.99, atMost: 1 } }
            """;

        var scenario = LoadValid(Yaml);

        scenario.Faults.ShouldBeEmpty();
        scenario.Invariants.ShouldBeEmpty();
        scenario.DrainTimeout.ShouldBe(TimeSpan.FromSeconds(60));
        scenario.DrainSettle.ShouldBeNull();
        scenario.Load.MaxInFlight.ShouldBe(512);
        scenario.Load.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        scenario.Expectations.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Journey.ShouldBeNull(),
            e => e.AtLeast.ShouldBe(0.99),
            e => e.AtMost.ShouldBe(1.0),
            e => e.Line.ShouldBe(10));
    }

    [Fact]
    public void Parse_FaultDefaults_GivesStatus503AndFullInjection()
    {
        var yaml = ScenarioYaml.With("{ kind: status, status: 503, retryAfter: 5s, injectionRate: 1.0 }", "{ kind: status }");

        var outage = LoadValid(yaml).Faults.Single(f => f.Name == "outage");

        outage.Fault.ShouldBe(new FaultSpec { Kind = FaultKind.Status, StatusCode = 503, InjectionRate = 1.0, RetryAfter = null });
    }

    [Fact]
    public void Parse_BaselineFaultAndRecoveryPhases_AreAccepted()
    {
        var yaml = ScenarioYaml.With("- phase: run", "- phase: baseline");
        yaml = ScenarioYaml.With(yaml, "  - phase: outage\n    journey: checkout\n    p99", "  - phase: recovery\n    journey: checkout\n    p99");
        yaml = ScenarioYaml.With(yaml, "- phase: outage                       # while", "- phase: fault                       # while");

        LoadValid(yaml).Expectations.Select(e => e.Phase).ShouldBe(["fault", "recovery", "outage", "baseline"]);
    }

    [Fact]
    public void Parse_OverlappingFaultsOfDifferentKindsOrRoutes_AreAccepted()
    {
        var yaml = ScenarioYaml.With("start: 10s\n    duration: 10s", "start: 15s\n    duration: 20s");

        LoadValid(yaml).Faults.Select(f => f.Name).ShouldBe(["brownout", "outage"]);
    }

    [Fact]
    public void Parse_DurationsInEveryForm_AreConvertedToSeconds()
    {
        var yaml = ScenarioYaml.With("p99: { atMost: 2s }", "p99: { atLeast: 250ms, atMost: 00:00:01.5 }");

        var p99 = LoadValid(yaml).Expectations.Single(e => e.Metric == ExpectationMetric.P99);

        p99.AtLeast.ShouldBe(0.25);
        p99.AtMost.ShouldBe(1.5);
    }

    [Fact]
    public void LoadFile_ValidFile_KeepsThePathAsSource()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"chaos-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, ScenarioYaml.Valid);
        try
        {
            var result = ScenarioLoader.LoadFile(path);

            result.IsValid.ShouldBeTrue(string.Join(Environment.NewLine, result.Errors));
            result.Scenario!.SourcePath.ShouldBe(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
