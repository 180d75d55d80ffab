using System.Runtime.InteropServices;

namespace Chaos.Engine.Load;

/// <summary>
/// Blocks the calling thread for less than a millisecond, for the load engine's scheduling thread on the system clock.
/// </summary>
/// <remarks>
/// .NET's own waits are too coarse for arrivals tens of microseconds apart: <c>Thread.Sleep</c> and timed waits round to
/// whole milliseconds, and timers fire from a queue whose callbacks ran 3-4 ms late on the 2-core VMs measured here
/// (docs/benchmarks.md). The kernel's <c>nanosleep</c> wakes within about 0.1 ms of its time on the same VMs, without
/// spinning. Where it is not available (not Linux or macOS), a wait yields the thread instead.
/// </remarks>
internal static class HighResolutionSleep
{
    private static readonly bool HasNanosleep = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Sleeps for about <paramref name="duration"/> (a short one: under a few milliseconds); never spins.</summary>
    public static void Sleep(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (!HasNanosleep)
        {
            Thread.Yield();
            return;
        }

        var nanoseconds = duration.Ticks * TimeSpan.NanosecondsPerTick;
        var request = new Timespec { Seconds = (nint)(nanoseconds / 1_000_000_000), Nanoseconds = (nint)(nanoseconds % 1_000_000_000) };

        // An interrupted sleep (EINTR) just ends early: the caller reads the clock again.
        _ = Nanosleep(ref request, IntPtr.Zero);
    }

    // DllImport rather than LibraryImport: the struct is blittable, so nothing is marshalled, and no unsafe code is needed.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "nanosleep", ExactSpelling = true)]
    private static extern int Nanosleep(ref Timespec request, IntPtr remaining);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
