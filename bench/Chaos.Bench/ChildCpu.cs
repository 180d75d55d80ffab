using System.Runtime.InteropServices;

namespace Chaos.Bench;

/// <summary>The CPU time of the process's waited-for children (wrk), from <c>getrusage(RUSAGE_CHILDREN)</c>.</summary>
internal static partial class ChildCpu
{
    private const int RusageChildren = -1;

    /// <summary>Gets the user plus system CPU time of every child waited for so far, or zero where unavailable.</summary>
    public static TimeSpan Total()
    {
        try
        {
            if (!OperatingSystem.IsLinux() || GetRusage(RusageChildren, out var usage) != 0)
            {
                return TimeSpan.Zero;
            }

            return TimeSpan.FromMicroseconds((usage.UserSeconds * 1e6) + usage.UserMicroseconds + (usage.SystemSeconds * 1e6) + usage.SystemMicroseconds);
        }
        catch (DllNotFoundException)
        {
            return TimeSpan.Zero;
        }
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }
}
