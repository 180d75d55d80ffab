using System.Net;
using System.Text.Json;
using Chaos.Cli;
using Chaos.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Shouldly;
using Spectre.Console.Testing;
using Xunit;

namespace Chaos.Scenarios.Tests.Recording;

/// <summary>
/// <c>chaos record</c> against a "real" bank (a small Kestrel app on 127.0.0.1, not WireMock): the example service is
/// started through the recording proxy, its journeys run, the answers land in the system file's mappings folder, and a
/// later run passes with that bank stopped.
/// </summary>
public sealed class RecordCommandTests : IDisposable
{
    private static readonly string Example = Path.Combine(Repository.Root, "examples", "bank-transfers");
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-record-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Record_AgainstARealBank_WritesMappingsWithWhichARunPassesWithTheBankStopped()
    {
        var system = await WriteSystemAsync();
        var transfers = 0;
        string bankUrl;
        await using (var bank = await StartBankAsync(() => Interlocked.Increment(ref transfers)))
        {
            bankUrl = bank.Urls.First();
            var (exit, output, errors) = await ChaosAsync(["record", "--system", system, "--dependency", $"bank={bankUrl}", "--journeys", "2"]);

            exit.ShouldBe(0, output + errors);
            output.ShouldContain("pay: 2 of 2 succeeded", Case.Sensitive, output + errors);
            transfers.ShouldBeGreaterThanOrEqualTo(2, "every pay journey makes a transfer at the real bank through the proxy");
        }

        var file = Path.Combine(_folder, "mappings", "bank", "bank.recorded.json");
        File.Exists(file).ShouldBeTrue();
        using (var recorded = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)))
        {
            var mapping = recorded.RootElement.EnumerateArray().ShouldHaveSingleItem();
            var request = mapping.GetProperty("Request");
            request.EnumerateObject().Select(p => p.Name).ShouldBe(["Path", "Methods"], "matched on method and path only, to replay");
            request.GetProperty("Methods").EnumerateArray().Select(m => m.GetString()).ShouldBe(["POST"]);
            request.GetProperty("Path").GetProperty("Matchers")[0].GetProperty("Pattern").GetString().ShouldBe("/v1/transfers");
            var response = mapping.GetProperty("Response");
            response.GetProperty("StatusCode").GetInt32().ShouldBe(201);
            response.GetProperty("BodyAsJson").GetProperty("status").GetString().ShouldBe("completed");
            var headers = response.GetProperty("Headers").EnumerateObject().Select(h => h.Name).ToArray();
            headers.ShouldContain("X-Bank");
            headers.ShouldNotContain("Date", "Kestrel sent it; a volatile header is scrubbed");
            headers.ShouldNotContain("Server");
            headers.ShouldNotContain("Content-Length");
        }

        // The bank is stopped: only the recording can answer the API's transfers now.
        var scenario = Path.Combine(_folder, "replay.yaml");
        await File.WriteAllTextAsync(scenario, """
            name: bank-replay
            system: ./system.yaml
            incident: "none: the bank as recorded, healthy"
            description: |
              A short healthy run against the recorded bank.
            seed: 7
            load:
              requestTimeout: 5s
              journeys:
                pay: 1
              phases:
                - name: steady
                  duration: 3s
                  inject: { rate: 5 }
            expectations:
              - phase: run
                journey: pay
                successRate: { atLeast: 0.99 }
            """, TestContext.Current.CancellationToken);

        var run = await ScenarioRun.ExecuteSystemAsync(scenario);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Verdict.ShouldBe("pass", run.ToString());
        await Should.ThrowAsync<HttpRequestException>(() => new HttpClient().GetAsync(bankUrl, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("bnk=http://127.0.0.1:9", "--dependency bnk=http://127.0.0.1:9/: ", "has no dependency bnk; its dependencies are bank")]
    [InlineData("bank=not-a-url", "--dependency bank=not-a-url: ", "is not an http(s) URL")]
    [InlineData("bank", "--dependency bank: ", "expected NAME=URL")]
    public async Task Record_BadDependency_ExitsTwoNamingTheFlagAndWritesNothing(string dependency, string named, string reason)
    {
        var system = await WriteSystemAsync();

        var (exit, output, errors) = await ChaosAsync(["record", "--system", system, "--dependency", dependency]);

        exit.ShouldBe(2, output + errors);
        errors.ShouldContain(named, Case.Sensitive, errors);
        errors.ShouldContain(reason, Case.Sensitive, errors);
        errors.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
        Directory.Exists(Path.Combine(_folder, "mappings")).ShouldBeFalse();
    }

    [Fact]
    public async Task Record_MissingSystemFile_ExitsTwoNamingTheFile()
    {
        var missing = Path.Combine(_folder, "no-such-system.yaml");

        var (exit, _, errors) = await ChaosAsync(["record", "--system", missing, "--dependency", "bank=http://127.0.0.1:9"]);

        exit.ShouldBe(2, errors);
        errors.ShouldContain($"--system {missing}: no such file", Case.Sensitive, errors);
        errors.ShouldNotContain("   at ", Case.Sensitive, "no stack trace");
    }

    [Fact]
    public async Task Record_NothingAnswersAtTheDependencysUrl_ExitsThreeBeforeStartingTheService()
    {
        var system = await WriteSystemAsync();
        var port = LoopbackPort.Free();

        var (exit, output, errors) = await ChaosAsync(["record", "--system", system, "--dependency", $"bank=http://127.0.0.1:{port}"]);

        exit.ShouldBe(3, output + errors);
        errors.ShouldContain($"--dependency bank=http://127.0.0.1:{port}/: nothing answers there", Case.Sensitive, errors);
        errors.ShouldContain("Nothing was started.", Case.Sensitive, errors);
        Directory.Exists(Path.Combine(_folder, "mappings")).ShouldBeFalse();
    }

    /// <summary>The example's system file in the test's folder, the service started from the example, its mappings folder (not there yet) in the test's folder.</summary>
    private async Task<string> WriteSystemAsync()
    {
        var system = await File.ReadAllTextAsync(Path.Combine(Example, "system.yaml"), TestContext.Current.CancellationToken);
        system = system.Replace("  args: [bin/Debug/net10.0/BankTransfers.dll]", $"  workingDirectory: \"{Example}\"\n  args: [bin/Debug/net10.0/BankTransfers.dll]", StringComparison.Ordinal);
        var path = Path.Combine(_folder, "system.yaml");
        await File.WriteAllTextAsync(path, system, TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>The stand-in for the real bank: <c>POST /v1/transfers</c> answers 201 with a new transfer id.</summary>
    private static async Task<WebApplication> StartBankAsync(Action onTransfer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var bank = builder.Build();
        var next = 0;
        bank.MapPost("/v1/transfers", (HttpContext http) =>
        {
            onTransfer();
            http.Response.Headers["X-Bank"] = "stand-in";
            return Results.Json(new { id = $"tr-{Interlocked.Increment(ref next):D4}", status = "completed" }, statusCode: 201);
        });
        await bank.StartAsync(TestContext.Current.CancellationToken);
        return bank;
    }

    private static async Task<(int Exit, string Output, string Errors)> ChaosAsync(string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await ChaosApp.InvokeAsync(args, console, output, errors, TestContext.Current.CancellationToken);
        return (exit, console.Output + output, errors.ToString());
    }
}
