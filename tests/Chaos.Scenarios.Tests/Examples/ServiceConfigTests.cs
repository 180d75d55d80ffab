using Chaos.Cli;
using Chaos.Cli.Commands;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Examples;

/// <summary>
/// <c>--service-config</c>: appsettings-style JSON that reaches a system file's service as environment variables, and
/// the command lines that mix up a service's configuration with the storefront's (refused before anything runs).
/// </summary>
public sealed class ServiceConfigTests : IDisposable
{
    private static readonly string Rehearsal = Path.Combine(Repository.Root, "examples", "bank-transfers", "rehearsal.yaml");
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-service-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Environment_NestedValuesAndLists_BecomeDotnetEnvironmentKeys_LaterFilesWin()
    {
        var first = Write("first.json", """{ "Bank": { "RetryPosts": true, "AttemptTimeout": "00:00:01" }, "Hosts": ["a", "b"] }""");
        var second = Write("second.json", """{ "Bank": { "RetryPosts": false } }""");
        using var errors = new StringWriter();

        var environment = RunCommand.ServiceConfigEnvironment([first, second], errors).ShouldNotBeNull(errors.ToString());

        environment.ShouldBe(new Dictionary<string, string>
        {
            ["Bank__RetryPosts"] = "false",
            ["Bank__AttemptTimeout"] = "00:00:01",
            ["Hosts__0"] = "a",
            ["Hosts__1"] = "b",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Environment_FileThatIsNotJson_NamesTheFile()
    {
        var broken = Write("broken.json", """{ "Bank": { "RetryPosts": """);
        using var errors = new StringWriter();

        RunCommand.ServiceConfigEnvironment([broken], errors).ShouldBeNull();

        errors.ToString().ShouldStartWith($"--service-config {broken}: not valid JSON");
    }

    [Fact]
    public async Task Run_MissingServiceConfig_ExitsTwoBeforeStartingAnything()
    {
        var (exit, errors) = await Chaos(["run", Rehearsal, "--service-config", "/nonexistent/fix.json", "--out", _folder]);

        exit.ShouldBe(2);
        errors.ShouldContain("--service-config /nonexistent/fix.json: no such file");
        Directory.Exists(Path.Combine(_folder, "service")).ShouldBeFalse();
    }

    [Fact]
    public async Task Run_ServiceConfigForTheStorefront_IsRefused()
    {
        var (exit, errors) = await Chaos(["run", Repository.Scenario("payment-gateway-down"), "--service-config", Write("fix.json", "{}")]);

        exit.ShouldBe(2);
        errors.ShouldContain("--service-config applies only to a scenario that names a system file");
    }

    [Fact]
    public async Task Compare_SystemScenarioWithStorefrontConfigs_SaysToUseServiceConfigs()
    {
        var (exit, errors) = await Chaos(["compare", Rehearsal, "--storefront-config", Path.Combine(Repository.Root, "configs", "tuned.json")]);

        exit.ShouldBe(2);
        errors.ShouldContain("compare it with one --service-config FILE per configuration");
    }

    [Fact]
    public async Task Compare_StorefrontScenarioWithServiceConfigs_SaysToUseStorefrontConfigs()
    {
        var (exit, errors) = await Chaos(["compare", Repository.Scenario("payment-gateway-down"), "--service-config", Write("fix.json", "{}")]);

        exit.ShouldBe(2);
        errors.ShouldContain("--service-config applies only to a scenario that names a system file");
    }

    private static async Task<(int Exit, string Errors)> Chaos(string[] args)
    {
        var console = new TestConsole();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await ChaosApp.InvokeAsync(args, console, output, errors, TestContext.Current.CancellationToken);
        return (exit, errors.ToString());
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }
}
