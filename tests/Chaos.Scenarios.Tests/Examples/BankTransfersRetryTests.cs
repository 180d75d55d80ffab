using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Chaos.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Shouldly;
using WireMock.Server;
using WireMock.Settings;
using Xunit;
using WireMockRequest = WireMock.RequestBuilders.Request;
using WireMockResponse = WireMock.ResponseBuilders.Response;

namespace Chaos.Scenarios.Tests.Examples;

/// <summary>
/// The bank-transfers example (examples/bank-transfers), started from its built dll as its system file says, against a
/// bank on 127.0.0.1 (a small Kestrel app when calls are counted as they arrive, WireMock.Net otherwise): its standard resilience handler really sends the bank a second POST for one payment
/// when the bank is slower than the attempt timeout, forwarding the client's trace id on both; its fix does not.
/// </summary>
public sealed class BankTransfersRetryTests(ITestOutputHelper output)
{
    private static readonly string ExampleDirectory = Path.Combine(Repository.Root, "examples", "bank-transfers");

    [Theory]
    [InlineData(true, 3)]   // as written: the first attempt and two retries, all timed out
    [InlineData(false, 1)]  // Bank:RetryPosts=false: one POST, then an honest 503
    public async Task Payment_WhenTheBankIsSlowerThanTheAttemptTimeout_IsSentOncePerAttempt(bool retryPosts, int expectedPosts)
    {
        // The bank counts a transfer when it arrives, before its slow answer: every attempt the API made has arrived by
        // the time the API answers the payment (it answers after its last attempt), so no wait is needed to count them.
        // That holds while the bank's handler runs within the attempt timeout: with 500 ms, a CI run on a busy machine
        // timed the third attempt out before the bank (in this test's process) had read it, and counted 2 of 3.
        var arrived = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var bank = await SlowBankAsync(arrived);
        await using var api = await ExampleApi.StartAsync([bank.Urls.Single()], retryPosts, TimeSpan.FromSeconds(2), output);
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/payments") { Content = JsonContent.Create(new { amount = 1200, reference = "order-1" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        using var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
        arrived.Count.ShouldBe(expectedPosts);
        arrived.ShouldAllBe(traceParent => traceParent.Substring(3, 32) == traceId);
    }

    [Fact]
    public async Task Payment_WhenTheFirstEndpointRefusesConnections_IsMadeAtTheNext()
    {
        using var us = HealthyBank();
        await using var api = await ExampleApi.StartAsync([$"http://127.0.0.1:{LoopbackPort.Free()}", us.Url!], retryPosts: true, TimeSpan.FromSeconds(1), output);

        using var response = await api.Client.PostAsJsonAsync("/payments", new { amount = 1200 }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        us.LogEntries.Count(e => e.RequestMessage.Method == "POST").ShouldBe(1);
    }

    [Fact]
    public async Task Payment_ThatMayHaveReachedTheFirstEndpoint_IsNeverSentToTheNext()
    {
        // The first endpoint takes the transfer and holds it past the attempt timeout, and goes down meanwhile: the
        // retries find no connection, as when a host is down. The transfer may have been made there, so the API must not
        // make it at the second endpoint too (a retry that finds no connection is not proof that nothing was sent).
        var arrived = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var eu = await SlowBankAsync(arrived, first);
        using var us = HealthyBank();

        // 3 s: the first endpoint's port is closed long before the first retry (the attempt timeout and a retry delay on).
        await using var api = await ExampleApi.StartAsync([eu.Urls.Single(), us.Url!], retryPosts: true, TimeSpan.FromSeconds(3), output);

        var paying = api.Client.PostAsJsonAsync("/payments", new { amount = 1200 }, TestContext.Current.CancellationToken);
        await first.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var stopping = eu.StopAsync(CancellationToken.None); // closes its port at once; the held transfer ends when the API gives up on it
        using var response = await paying;
        await stopping;

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        arrived.Count.ShouldBe(1);
        us.LogEntries.Count(e => e.RequestMessage.Method == "POST").ShouldBe(0, "the transfer may have been made at the first endpoint");
    }

    /// <summary>A bank on 127.0.0.1 (WireMock.Net) that makes every transfer at once.</summary>
    private static WireMockServer HealthyBank()
    {
        var bank = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], MaxRequestLogCount = 100 });
        bank.Given(WireMockRequest.Create().WithPath("/v1/transfers").UsingPost())
            .RespondWith(WireMockResponse.Create().WithStatusCode(201).WithBodyAsJson(new { id = "tr-1" }));
        return bank;
    }

    /// <summary>
    /// A bank on 127.0.0.1 whose <c>POST /v1/transfers</c> records the call's traceparent at once (and completes
    /// <paramref name="firstArrival"/>), then holds it until the caller gives up.
    /// </summary>
    private static async Task<WebApplication> SlowBankAsync(System.Collections.Concurrent.ConcurrentQueue<string> arrived, TaskCompletionSource? firstArrival = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var bank = builder.Build();
        bank.MapPost("/v1/transfers", async (HttpContext http) =>
        {
            arrived.Enqueue(http.Request.Headers["traceparent"].ToString());
            firstArrival?.TrySetResult();

            // Slower than any attempt timeout: the transfer is held until the API gives up on the attempt (or the bank stops).
            var abandoned = new TaskCompletionSource();
            using (http.RequestAborted.Register(() => abandoned.TrySetResult()))
            {
                await abandoned.Task;
            }

            return Results.Json(new { id = "tr-1" }, statusCode: 201);
        });
        await bank.StartAsync(TestContext.Current.CancellationToken);
        return bank;
    }

    [Fact]
    public async Task Payment_WhenTheBankIsHealthy_IsMadeWithOneTransfer()
    {
        using var bank = HealthyBank();
        await using var api = await ExampleApi.StartAsync([bank.Url!], retryPosts: true, TimeSpan.FromSeconds(5), output);

        using var response = await api.Client.PostAsJsonAsync("/payments", new { amount = 1200 }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        bank.LogEntries.Count(e => e.RequestMessage.Method == "POST").ShouldBe(1);
    }

    /// <summary>The example's built dll as a child process on a free loopback port; killed (with its tree) on dispose.</summary>
    private sealed class ExampleApi : IAsyncDisposable
    {
        private readonly Process _process;

        private ExampleApi(Process process, Uri url)
        {
            _process = process;
            Client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        }

        public HttpClient Client { get; }

        /// <param name="bankUrls">The bank's URL (Bank:BaseAddress), or its endpoints in the order tried (Bank:Endpoints).</param>
        public static async Task<ExampleApi> StartAsync(string[] bankUrls, bool retryPosts, TimeSpan attemptTimeout, ITestOutputHelper output)
        {
            var dll = Path.Combine(ExampleDirectory, "bin", Configuration(), "net10.0", "BankTransfers.dll");
            File.Exists(dll).ShouldBeTrue($"{dll} is missing; build the solution (dotnet build Chaos.sln) first.");
            var port = LoopbackPort.Free();
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = ExampleDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])[dll, "--urls", $"http://127.0.0.1:{port}"])
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            if (bankUrls is [var bankUrl])
            {
                start.Environment["Bank__BaseAddress"] = bankUrl.TrimEnd('/') + "/";
            }
            else
            {
                for (var i = 0; i < bankUrls.Length; i++)
                {
                    start.Environment[$"Bank__Endpoints__{i}"] = bankUrls[i].TrimEnd('/') + "/";
                }
            }

            start.Environment["Bank__AttemptTimeout"] = attemptTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["Bank__TotalTimeout"] = "00:00:20"; // above three 2 s attempts and their delays
            start.Environment["Bank__RetryPosts"] = retryPosts ? "true" : "false";
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            process.OutputDataReceived += (_, e) => Log(output, e.Data);
            process.ErrorDataReceived += (_, e) => Log(output, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var api = new ExampleApi(process, new Uri($"http://127.0.0.1:{port}"));
            try
            {
                await api.WaitUntilReadyAsync();
                return api;
            }
            catch
            {
                await api.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }

            _process.Dispose();
        }

        private async Task WaitUntilReadyAsync()
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                _process.HasExited.ShouldBeFalse($"the example exited with {(_process.HasExited ? _process.ExitCode : 0)} before it was ready.");
                try
                {
                    using var health = await Client.GetAsync("/health", TestContext.Current.CancellationToken);
                    if (health.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "the example was not ready within 20 s.");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        private static void Log(ITestOutputHelper output, string? line)
        {
            if (line is null)
            {
                return;
            }

            try
            {
                output.WriteLine("[example] " + line);
            }
            catch (InvalidOperationException)
            {
                // The test has ended; its output is closed.
            }
        }

        // The configuration the tests were built in (bin/Debug/net10.0 or bin/Release/net10.0); the example is built with them.
        private static string Configuration() => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
    }
}
