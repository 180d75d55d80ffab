using System.Net.Http.Json;
using Chaos.Cli;
using Chaos.Simulators.Remote;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Remote;

/// <summary><c>chaos simulate</c> and the remote options of <c>chaos run</c>, as whole command lines in memory.</summary>
public sealed class RemoteCommandLineTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Simulate_FreePorts_PrintsTheUrlsServesTheControlEndpointAndStopsWhenCancelled()
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        string[] args = ["simulate", "--payments-primary-port", "0", "--payments-secondary-port", "0", "--identity-port", "0", "--tax-port", "0", "--fulfillment-base-port", "0", "--control-port", "0", "--seed", "5"];
        var running = ChaosApp.InvokeAsync(args, console, output, errors, stop.Token);

        var control = await ControlUrlAsync(console, running);
        using var http = new HttpClient { BaseAddress = control, Timeout = TimeSpan.FromSeconds(10) };
        var dependencies = await http.GetFromJsonAsync<List<ControlDependency>>("control/dependencies", ControlJson.Options, Cancellation);
        await stop.CancelAsync();
        var exit = await running.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        exit.ShouldBe(0, errors.ToString());
        dependencies.ShouldNotBeNull();
        dependencies.Select(d => d.Name).Take(3).ShouldBe(["payments.primary", "payments.secondary", "identity"]);
        // Six hosts at the primary centre and two at the backup, each with its centre tag.
        var hosts = dependencies.Where(d => d.Name.StartsWith("fulfillment.", StringComparison.Ordinal)).ToList();
        hosts.Count.ShouldBe(8);
        hosts.Count(d => d.Name.StartsWith("fulfillment.fc-backup-", StringComparison.Ordinal)).ShouldBe(2);
        dependencies.Select(d => d.Name).ShouldContain("tax");
        dependencies.ShouldAllBe(d => d.BaseUrl.Host == "127.0.0.1");
        control.Host.ShouldBe("127.0.0.1");
        console.Output.ShouldContain("payments.primary");
    }

    [Fact]
    public async Task Simulate_BindAddressThatIsNotAnAddress_ExitsTwo()
    {
        var (exit, _, errors) = await Chaos(["simulate", "--bind", "localhost", "--control-port", "0"]);

        exit.ShouldBe(2);
        errors.ShouldContain("use 127.0.0.1");
    }

    [Theory]
    [InlineData("--storefront-url", "http://127.0.0.1:1", "--storefront-url needs --simulators-url")]
    [InlineData("--simulators-url", "http://127.0.0.1:1", "--simulators-url needs --storefront-url")]
    [InlineData("--admin-token", "abc", "apply only with --storefront-url")]
    [InlineData("--storefront-url", "not a url", "not an http(s) URL")]
    public async Task Run_RemoteOptionsThatDoNotCombine_ExitTwoSayingWhy(string option, string value, string message)
    {
        var (exit, _, errors) = await Chaos(["run", Repository.Scenario("payment-gateway-down"), option, value]);

        exit.ShouldBe(2);
        errors.ShouldContain(message);
    }

    [Fact]
    public async Task Run_MultiProcessWithUrls_ExitsTwo()
    {
        var (exit, _, errors) = await Chaos(
            ["run", Repository.Scenario("payment-gateway-down"), "--multi-process", "--storefront-url", "http://127.0.0.1:1", "--simulators-url", "http://127.0.0.1:2"]);

        exit.ShouldBe(2);
        errors.ShouldContain("--multi-process starts its own");
    }

    private static async Task<Uri> ControlUrlAsync(TestConsole console, Task<int> running)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var line = console.Output.Split('\n').FirstOrDefault(l => l.StartsWith("control", StringComparison.Ordinal));
            if (line is not null)
            {
                return new Uri(line["control".Length..].Trim());
            }

            if (running.IsCompleted)
            {
                throw new ShouldAssertException($"chaos simulate exited {await running} before it was ready: {console.Output}");
            }

            await Task.Delay(100, Cancellation);
        }

        throw new ShouldAssertException($"chaos simulate printed no control URL within 60s: {console.Output}");
    }

    private static async Task<(int Exit, string Output, string Errors)> Chaos(string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 250;
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await ChaosApp.InvokeAsync(args, console, output, errors, Cancellation);
        return (exit, console.Output + output, errors.ToString());
    }
}
