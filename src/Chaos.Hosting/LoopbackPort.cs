using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Chaos.Hosting;

/// <summary>
/// A free TCP port on 127.0.0.1 for a server Chaos starts but cannot bind itself, such as a service given its port on
/// the command line. Asking the system for port 0 would hand out an ephemeral port, the kind every outgoing connection
/// takes as its own local port; under load thousands are taken each second, and one of them can take the port between
/// the choice and the service's bind ("address already in use"). So the port is chosen below the system's ephemeral
/// range, where no outgoing connection lands, is free when chosen, and is never handed out twice by this process. Where
/// the ephemeral range leaves fewer than 1,000 ports on either side, the ports are 20000-32767 all the same, and the
/// race is back.
/// </summary>
internal static class LoopbackPort
{
    /// <summary>Below Linux's default ephemeral range (32768-60999) and the IANA one that Windows and macOS use (49152-65535).</summary>
    private const int DefaultLowest = 20000;

    private const int DefaultHighest = 32767;

    private const int MinimumRange = 1000;

    private const string LinuxEphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    private static readonly HashSet<int> HandedOut = [];

    private static readonly (int Lowest, int Highest) Range = Choose(ReadEphemeralRange(LinuxEphemeralRange));

    /// <summary>
    /// A port on 127.0.0.1 that nothing listened on when asked and that this process has not handed out before. The
    /// choice is random (not seeded): it keeps other processes doing the same, such as a second test run, off the same
    /// ports, and no result of a run depends on it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Every port of the range is taken, or was handed out by this process before.</exception>
    public static int Free()
    {
        lock (HandedOut)
        {
#pragma warning disable RS0030 // Banned for results; a port is none, and a seed shared by two processes would pick the same ports.
            var start = Random.Shared.Next(Range.Highest - Range.Lowest + 1);
#pragma warning restore RS0030
            return Pick(Range, HandedOut, start)
                ?? throw new InvalidOperationException($"no free TCP port on 127.0.0.1 between {Range.Lowest} and {Range.Highest}: each is taken, or this process handed it out before ({HandedOut.Count} of them)");
        }
    }

    /// <summary>
    /// The first port of <paramref name="range"/> from its <paramref name="start"/>th on (wrapping round) that is not in
    /// <paramref name="handedOut"/> and that nothing listens on, added to <paramref name="handedOut"/>; null when there is none.
    /// </summary>
    internal static int? Pick((int Lowest, int Highest) range, HashSet<int> handedOut, int start) => Pick(range, handedOut, start, CanBind);

    /// <summary>As the other <c>Pick</c>, with <paramref name="isFree"/> telling whether nothing listens on a port.</summary>
    internal static int? Pick((int Lowest, int Highest) range, HashSet<int> handedOut, int start, Func<int, bool> isFree)
    {
        var count = range.Highest - range.Lowest + 1;
        for (var i = 0; i < count; i++)
        {
            var port = range.Lowest + ((start + i) % count);
            if (!handedOut.Contains(port) && isFree(port))
            {
                handedOut.Add(port);
                return port;
            }
        }

        return null;
    }

    /// <summary>
    /// The ports to choose from: <see cref="DefaultLowest"/>-<see cref="DefaultHighest"/>, or, when the system's
    /// ephemeral range covers part of them, the ports on the larger side of that range (from 1024 below it, to 65535 above),
    /// when that side has room for at least <see cref="MinimumRange"/> ports.
    /// </summary>
    internal static (int Lowest, int Highest) Choose((int Lowest, int Highest)? ephemeral)
    {
        if (ephemeral is not { } range || range.Highest < DefaultLowest || range.Lowest > DefaultHighest)
        {
            return (DefaultLowest, DefaultHighest);
        }

        var below = (Lowest: 1024, Highest: range.Lowest - 1);
        var above = (Lowest: range.Highest + 1, Highest: 65535);
        var larger = below.Highest - below.Lowest >= above.Highest - above.Lowest ? below : above;

        // An ephemeral range that takes (nearly) every port leaves no side to keep to.
        return larger.Highest - larger.Lowest + 1 >= MinimumRange ? larger : (DefaultLowest, DefaultHighest);
    }

    /// <summary>The ephemeral range as <paramref name="path"/> gives it (<c>32768	60999</c>), or null where there is none to read.</summary>
    internal static (int Lowest, int Highest)? ReadEphemeralRange(string path)
    {
        try
        {
            var parts = File.ReadAllText(path).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var lowest)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var highest)
                && lowest <= highest
                    ? (lowest, highest)
                    : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
