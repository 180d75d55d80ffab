using System.Net.Sockets;
using Chaos.Engine.Faults;
using Chaos.Simulators.Payments;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Hosting;

/// <summary>Host-level faults on the simulator's own clock: the port closes and reopens exactly on the cycle.</summary>
public sealed class SimulatorHostStateTests
{
    [Fact]
    public async Task Flapping_OnTheSimulatorsClock_IsDownThenUpThenDownAgain()
    {
        var time = new FakeTimeProvider();
        await using var gateway = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { TimeProvider = time });
        gateway.Faults.Apply(new FaultRule("boot-loop", null, new FaultSpec { Kind = FaultKind.Flapping, DownFor = TimeSpan.FromSeconds(20), UpFor = TimeSpan.FromSeconds(10) }));

        var seen = new List<bool> { await Accepts(gateway.BaseUrl) };
        foreach (var step in new[] { 19, 1, 9, 1, 20 })
        {
            time.Advance(TimeSpan.FromSeconds(step));
            seen.Add(await Accepts(gateway.BaseUrl));
        }

        // 0s down, 19s down, 20s up, 29s up, 30s down, 50s up.
        seen.ShouldBe([false, false, true, true, false, true]);

        gateway.Faults.Clear("boot-loop");
        time.Advance(TimeSpan.FromSeconds(5)); // the 60s transition no longer exists
        (await Accepts(gateway.BaseUrl)).ShouldBeTrue();
    }

    [Fact]
    public async Task HostDown_ReappliedWithLowerRates_ComesBackOnceAndStaysBack()
    {
        await using var gateway = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Seed = 4 });
        var seen = new List<bool>();
        for (var step = 4; step >= 0; step--)
        {
            gateway.Faults.Apply(new FaultRule("crash", null, new FaultSpec { Kind = FaultKind.HostDown, InjectionRate = step / 4.0 }));
            seen.Add(await Accepts(gateway.BaseUrl));
        }

        seen[0].ShouldBeFalse();
        seen[^1].ShouldBeTrue();
        seen.SkipWhile(up => !up).ShouldAllBe(up => up);
    }

    [Fact]
    public async Task Flapping_WhenAnotherServerTookThePortMeanwhile_StaysDownWithoutThrowingAndComesBackOnceItIsFree()
    {
        var time = new FakeTimeProvider();
        await using var gateway = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { TimeProvider = time });
        gateway.Faults.Apply(new FaultRule("boot-loop", null, new FaultSpec { Kind = FaultKind.Flapping, DownFor = TimeSpan.FromSeconds(2), UpFor = TimeSpan.FromSeconds(60) }));
        var intruder = new TcpListener(System.Net.IPAddress.Parse(gateway.BaseUrl.Host), gateway.BaseUrl.Port);
        intruder.Start();

        time.Advance(TimeSpan.FromSeconds(2)); // the up transition finds the port taken: an exception here ends the test host

        intruder.Stop();
        (await Accepts(gateway.BaseUrl)).ShouldBeFalse();
        time.Advance(TimeSpan.FromMilliseconds(100)); // tried again
        using var http = new HttpClient { BaseAddress = gateway.BaseUrl };
        (await http.GetAsync("/v1/charges/by-key/none", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dispose_WhileTheHostIsDown_ReleasesThePort()
    {
        var gateway = PaymentGatewaySimulator.Start();
        var url = gateway.BaseUrl;
        gateway.Faults.Apply(new FaultRule("crash", null, new FaultSpec { Kind = FaultKind.HostDown }));

        await gateway.DisposeAsync();

        (await Accepts(url)).ShouldBeFalse();
        await using var again = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { Url = url.GetLeftPart(UriPartial.Authority) });
        (await Accepts(url)).ShouldBeTrue();
    }

    private static async Task<bool> Accepts(Uri url)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(url.Host, url.Port, TestContext.Current.CancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
