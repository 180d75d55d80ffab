using Chaos.Cli;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Load;

/// <summary><c>chaos run --load-scale</c> on the command line, in memory: bad factors stop the run before anything starts.</summary>
public sealed class LoadScaleCommandLineTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    public async Task Run_LoadScaleNotAboveZero_ExitsTwoAndSaysHowToFix(string scale)
    {
        var (exit, errors) = await ChaosAsync(["run", Repository.Scenario("payment-gateway-down"), "--load-scale", scale]);

        exit.ShouldBe(2);
        errors.ShouldContain($"--load-scale {scale}: must be a number above 0; use 0.5 for half the load or 2 for twice it.");
    }

    [Fact]
    public async Task Run_LoadScaleNotANumber_ExitsWithTheParsersMessage()
    {
        var (exit, errors) = await ChaosAsync(["run", Repository.Scenario("payment-gateway-down"), "--load-scale", "half"]);

        exit.ShouldNotBe(0);
        errors.ShouldContain("half");
    }

    private static async Task<(int Exit, string Errors)> ChaosAsync(string[] args)
    {
        var console = new TestConsole();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await ChaosApp.InvokeAsync(args, console, output, errors, TestContext.Current.CancellationToken);
        return (exit, errors + console.Output);
    }
}
