using Chaos.Cli;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests;

/// <summary>Whole command lines, in memory: exit codes and messages a CI log shows.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Validate_EveryShippedScenario_IsValid()
    {
        var (exit, output, errors) = await Chaos(["validate", .. Repository.ScenarioFiles()]);

        exit.ShouldBe(0, errors);
        output.ShouldContain("ok");
    }

    [Fact]
    public async Task ValidateAndRun_ShippedScenarioByName_FindTheFileThatShipsWithChaos()
    {
        var validated = await Chaos(["validate", "payment-gateway-down"]);
        var run = await Chaos(["run", "payment-gateway-down", "--load-scale", "0"]);
        var unknown = await Chaos(["run", "payment-gateway-dwn"]);

        validated.Exit.ShouldBe(0, validated.Errors);
        validated.Output.ShouldContain("payment-gateway-down");
        run.Exit.ShouldBe(2);
        run.Errors.ShouldContain("--load-scale 0: must be a number above 0", Case.Sensitive, "the scenario was loaded by name before the option was checked");
        unknown.Exit.ShouldBe(2);
        unknown.Errors.ShouldContain("payment-gateway-dwn: file not found");
    }

    [Fact]
    public async Task Validate_BrokenFile_ExitsTwoAndNamesFileLineAndField()
    {
        var file = WriteTemp("broken.yaml", ScenarioYaml("broken", "1", faults: """
              - name: outage
                dependency: payments.primary
                start: 2s
                duration: 3s
                fault: { kind: status, status: 503, injectionRate: 1.5 }
            """, expectations: """
              - phase: outage
                journey: checkout
                successRate: { atLeast: 0.9 }
            """));

        var (exit, _, errors) = await Chaos(["validate", file]);

        exit.ShouldBe(2);
        errors.ShouldContain($"{file}:16:");
        errors.ShouldContain("injectionRate");
        errors.ShouldContain("[0, 1]");
    }

    [Fact]
    public async Task Validate_FileWithEveryKindOfMistake_PrintsEachWithItsLineAndExitsTwo()
    {
        var file = WriteTemp("many-mistakes.yaml", ScenarioYaml("many-mistakes", "\"not a number\"", faults: """
              - name: outage
                dependency: payments.primary
                start: 2s
                duration: 3s
                fault: { kind: meltdown }
              - name: brownout
                dependency: payments.secondary
                start: 3s
                duration: 3s
                fault: { kind: status, status: 503, injectionRate: 1.5 }
              - name: early
                dependency: payments.tertiary
                start: -1s
                duration: 3s
                fault: { kind: status, status: 503 }
              - name: crash
                dependency: fulfillment
                hosts: { tags: { os: widnows } }
                start: 1s
                duration: 3s
                fault: { kind: hostDown }
            """));
        var syntax = WriteTemp("syntax.yaml", "name: broken\nfaults:\n  - name: [unclosed\n    start: 1s\n");

        var (exit, _, errors) = await Chaos(["validate", file, syntax]);

        exit.ShouldBe(2);
        errors.ShouldContain($"{file}:4: seed: expected a whole number");
        errors.ShouldContain($"{file}:16: faults[0].fault.kind: \"meltdown\" is not a fault kind");
        errors.ShouldContain($"{file}:21: faults[1].fault.injectionRate: 1.5 is outside [0, 1]");
        errors.ShouldContain($"{file}:23: faults[2].dependency: \"payments.tertiary\" is not a dependency");
        errors.ShouldContain($"{file}:24: faults[2].start: -1s is negative");
        errors.ShouldContain($"{file}:29: faults[3].hosts.tags.os: \"widnows\" is not a value of os any host carries");
        errors.ShouldContain($"{syntax}:3: YAML syntax error");
        errors.ShouldContain("2 of 2 file(s) invalid.");
    }

    [Fact]
    public async Task Validate_OverlappingWindowsOnOneDependency_NamesBothFaults()
    {
        var file = WriteTemp("overlap.yaml", ScenarioYaml("overlap", "1", faults: """
              - name: outage
                dependency: payments.primary
                start: 2s
                duration: 3s
                fault: { kind: status, status: 503 }
              - name: brownout
                dependency: payments.primary
                start: 3s
                duration: 3s
                fault: { kind: status, status: 503, injectionRate: 0.5 }
            """));

        var (exit, _, errors) = await Chaos(["validate", file]);

        exit.ShouldBe(2);
        errors.ShouldContain($"{file}:19: faults[1].start: brownout (3s to 6s) overlaps outage (2s to 5s, faults[0])");
    }

    [Fact]
    public async Task Run_InvalidScenario_ExitsTwoWithoutStartingAnything()
    {
        var file = WriteTemp("invalid.yaml", "name: [unclosed");

        var (exit, _, errors) = await Chaos(["run", file]);

        exit.ShouldBe(2);
        errors.ShouldContain(file);
    }

    [Fact]
    public async Task Run_MissingStorefrontConfig_ExitsTwoNamingTheFile()
    {
        var (exit, _, errors) = await Chaos(["run", Repository.Scenario("payment-gateway-down"), "--storefront-config", "/nonexistent/tuned.json"]);

        exit.ShouldBe(2);
        errors.ShouldContain("--storefront-config /nonexistent/tuned.json: no such file");
    }

    [Fact]
    public async Task Run_StorefrontConfigThatBreaksValidation_ExitsTwoWithTheStorefrontsMessage()
    {
        var config = WriteTemp("bad-timeouts.json", """{ "Payments": { "Primary": { "Resilience": { "AttemptTimeout": "00:00:10", "TotalTimeout": "00:00:02" } } } }""");

        var (exit, _, errors) = await Chaos(["run", Repository.Scenario("payment-gateway-down"), "--storefront-config", config, "--out", Path.Combine(Path.GetTempPath(), "chaos-bad-config-" + Guid.NewGuid().ToString("N"))]);

        exit.ShouldBe(2, errors);
        errors.ShouldContain("AttemptTimeout");
    }

    [Fact]
    public async Task Run_CrashAgainstAStorefrontChaosDidNotStart_ExitsTwoBeforeConnecting()
    {
        // Nothing listens on port 9: a run that tried to connect would be a harness error (3), not a usage error (2).
        var (exit, _, errors) = await Chaos([
            "run", Repository.Scenario("storefront-crash-mid-dispatch"), "--storefront-url", "http://127.0.0.1:9", "--simulators-url", "http://127.0.0.1:9"]);

        exit.ShouldBe(2, errors);
        errors.ShouldContain("storefront-crash crashes the storefront (kind: crash), and --storefront-url names a storefront chaos did not start");
        errors.ShouldContain("leave out --storefront-url and --simulators-url");
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        var (exit, _, errors) = await Chaos(["explode"]);

        exit.ShouldBe(2);
        errors.ShouldContain("chaos --help");
    }

    [Fact]
    public async Task List_ShippedScenarios_ShowsIncidentAndDuration()
    {
        var (exit, output, _) = await Chaos(["list", Repository.ScenariosDirectory]);

        exit.ShouldBe(0);
        output.ShouldContain("payment-gateway-down");
        output.ShouldContain("60s");
    }

    private static async Task<(int Exit, string Output, string Errors)> Chaos(string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await ChaosApp.InvokeAsync(args, console, output, errors, TestContext.Current.CancellationToken);
        return (exit, console.Output + output, errors.ToString());
    }

    /// <summary>
    /// A scenario with ten seconds of checkouts and the faults given: the header takes lines 1 to 10, <c>faults:</c> is
    /// line 11, so the first fault starts on line 12 (the tests' line numbers count on it).
    /// </summary>
    private static string ScenarioYaml(string name, string seed, string faults, string expectations = "  - { phase: run, journey: checkout, successRate: { atLeast: 0.99 } }") =>
        $$"""
        name: {{name}}
        incident: test
        description: test
        seed: {{seed}}
        load:
          journeys: { checkout: 1 }
          phases:
            - name: peak
              duration: 10s
              inject: { rate: 5 }
        faults:
        {{faults}}
        expectations:
        {{expectations}}
        """;

    private static string WriteTemp(string name, string content)
    {
        var directory = Path.Combine(Path.GetTempPath(), "chaos-cli-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
