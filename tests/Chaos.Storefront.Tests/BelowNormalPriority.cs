using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Chaos.Storefront.Tests;

/// <summary>
/// This suite runs beside the scenario suite (<c>dotnet test Chaos.sln --max-parallel-test-modules 3</c>), whose shipped
/// latency bounds fail when a second busy test host takes the CPU for a few seconds; none of this suite's assertions is
/// a latency bound at load. Below normal priority it runs on the CPU the scenario runs leave.
/// </summary>
internal static class BelowNormalPriority
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test host's own process, set once before any test.")]
    internal static void Apply()
    {
        using var self = Process.GetCurrentProcess();
        self.PriorityClass = ProcessPriorityClass.BelowNormal;
    }
}
