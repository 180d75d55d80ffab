using System.Diagnostics;
using System.Text.RegularExpressions;
using Chaos.Hosting;
using Chaos.Simulators;
using Chaos.Storefront;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Remote;

/// <summary>
/// The storefront as a <see cref="RestartableProcess"/>, the way a crash fault drives it: killed, started again on the
/// same address, and never left running, not even after a restart that fails.
/// </summary>
[Collection(nameof(MultiProcessRuns))]
public sealed partial class RestartableProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Storefront_CrashedAndRestarted_ServesOnTheSameAddressAndAFailedRestartLeavesNoProcess()
    {
        var directory = Path.Combine(Path.GetTempPath(), "chaos-scenario-tests", "restartable-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        using var simulators = SimulatorSet.Start(new SimulatorSetOptions { Seed = 7 });
        var arguments = simulators.StorefrontConfiguration()
            .Append(new("Storefront:DatabasePath", Path.Combine(directory, "storefront.db")))
            .Append(new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information"))
            .Select(pair => $"--{pair.Key}={pair.Value}")
            .ToArray();
        var pids = new List<int>();
        var failNextStart = false;
        ChildProcess Start(string urls)
        {
            var process = ChildProcess.StartDotnet("the storefront", typeof(StorefrontApp).Assembly.Location, ["--urls", urls, .. arguments], directory, Path.Combine(directory, "storefront.log"));
            pids.Add(process.Id);
            return process;
        }

        async Task<Uri> ListeningAsync(ChildProcess process, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var url = new Uri((await process.WaitForLineAsync(Listening(), timeout, TimeProvider.System, cancellationToken)).Groups["url"].Value.TrimEnd('/') + "/");
            return failNextStart ? throw new InvalidOperationException("the restarted storefront never got ready") : url;
        }

        var service = await RestartableProcess.StartAsync(Start, "http://127.0.0.1:0", ListeningAsync, Timeout, TimeProvider.System, Cancellation);
        try
        {
            using var client = new HttpClient { BaseAddress = service.Url, Timeout = TimeSpan.FromSeconds(10) };
            (await client.GetAsync("health/ready", Cancellation)).IsSuccessStatusCode.ShouldBeTrue();

            await service.CrashAsync(Cancellation);
            IsRunning(pids[0]).ShouldBeFalse("a crash kills the process");
            await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("health/ready", Cancellation));

            await service.RestartAsync(Cancellation);
            (await client.GetAsync("health/ready", Cancellation)).IsSuccessStatusCode.ShouldBeTrue("the restart listens on the same address");
            service.Crashes.ShouldBe(1);

            await service.CrashAsync(Cancellation);
            failNextStart = true;
            await Should.ThrowAsync<InvalidOperationException>(() => service.RestartAsync(Cancellation));
            pids.Count.ShouldBe(3);
            pids.ShouldAllBe(pid => !IsRunning(pid), "a failed restart kills the process it started");
        }
        finally
        {
            await service.DisposeAsync();
        }

        pids.ShouldAllBe(pid => !IsRunning(pid));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex Listening();
}
