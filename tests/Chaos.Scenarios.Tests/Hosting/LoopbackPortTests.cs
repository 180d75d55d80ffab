using System.Net;
using System.Net.Sockets;
using Chaos.Hosting;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Hosting;

public sealed class LoopbackPortTests
{
    [Theory]
    [InlineData(32768, 60999, 20000, 32767)] // Linux's default, clear of the usual ports: those.
    [InlineData(49152, 65535, 20000, 32767)] // The IANA range (Windows, macOS): the same.
    [InlineData(10000, 15000, 20000, 32767)]
    [InlineData(1024, 20000, 20001, 65535)] // Over the usual ports, low down: above it, where there is more room.
    [InlineData(25000, 65535, 1024, 24999)] // Over them, high up: below it.
    [InlineData(1024, 65000, 20000, 32767)] // Nearly every port: no side to keep to.
    public void Choose_KeepsToTheLargerSideOfTheEphemeralRange(int lowest, int highest, int expectedLowest, int expectedHighest) =>
        LoopbackPort.Choose((lowest, highest)).ShouldBe((expectedLowest, expectedHighest));

    [Fact]
    public void Choose_WithoutAnEphemeralRange_TakesThePortsBelowTheUsualOnes() =>
        LoopbackPort.Choose(null).ShouldBe((20000, 32767));

    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)]
    [InlineData("1024 5000", 1024, 5000)]
    public void ReadEphemeralRange_ReadsTheTwoNumbers(string text, int lowest, int highest)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, text);

        LoopbackPort.ReadEphemeralRange(path).ShouldBe((lowest, highest));

        File.Delete(path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("32768")]
    [InlineData("60999 32768")]
    [InlineData("low high")]
    public void ReadEphemeralRange_OfSomethingElse_IsUnknown(string text)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, text);

        LoopbackPort.ReadEphemeralRange(path).ShouldBeNull();

        File.Delete(path);
    }

    [Fact]
    public void ReadEphemeralRange_WithoutTheFile_IsUnknown() =>
        LoopbackPort.ReadEphemeralRange(Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}")).ShouldBeNull();

    [Fact]
    public void Free_HandsOutBindablePortsOutsideTheEphemeralRangeAndNeverTheSameTwice()
    {
        var ephemeral = LoopbackPort.ReadEphemeralRange("/proc/sys/net/ipv4/ip_local_port_range");
        var ports = Enumerable.Range(0, 50).Select(_ => LoopbackPort.Free()).ToArray();

        ports.Distinct().Count().ShouldBe(ports.Length);
        if (ephemeral is { } range)
        {
            ports.ShouldAllBe(p => p < range.Lowest || p > range.Highest);
        }

        foreach (var port in ports.Take(5))
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }

    [Fact]
    public void Pick_PassesOverAPortSomethingListensOnAndOneHandedOutBefore()
    {
        var port = LoopbackPort.Free();

        using (var listener = new TcpListener(IPAddress.Loopback, port))
        {
            listener.Start();
            LoopbackPort.Pick((port, port), [], start: 0).ShouldBeNull("something listens on it");
        }

        LoopbackPort.Pick((port, port), [port], start: 0).ShouldBeNull("it was handed out before");
        var handedOut = new HashSet<int>();
        LoopbackPort.Pick((port, port), handedOut, start: 0).ShouldBe(port);
        handedOut.ShouldBe([port]);
        LoopbackPort.Pick((port, port), handedOut, start: 0).ShouldBeNull("it is handed out only once");
    }

    [Fact]
    public void Pick_StartsAtItsStartAndWrapsRound()
    {
        static bool Free(int port) => true;

        LoopbackPort.Pick((100, 103), [], start: 2, Free).ShouldBe(102, "the third port of the range");
        LoopbackPort.Pick((100, 103), [102], start: 2, Free).ShouldBe(103, "the next one, when the third was handed out");
        LoopbackPort.Pick((100, 103), [102, 103], start: 2, Free).ShouldBe(100, "round to the first");
        LoopbackPort.Pick((100, 103), [100, 101, 102, 103], start: 2, Free).ShouldBeNull();
        LoopbackPort.Pick((100, 103), [], start: 0, port => port == 101).ShouldBe(101, "the first that nothing listens on");
    }
}
