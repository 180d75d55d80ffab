using Chaos.Engine.Reports;

namespace Chaos.Engine.Tests.Reports;

/// <summary>
/// report.json files of two real runs of payment-gateway-down (kept under Reports/TestData): the shipped storefront
/// (pass) and the storefront with failover switched off (fail: checkout refused honestly once 50 payments were pending).
/// </summary>
internal static class CannedReports
{
    public static RunReport Tuned { get; } = Read("tuned.report.json");

    public static RunReport FailoverOff { get; } = Read("failover-off.report.json");

    private static RunReport Read(string name) => ReportWriter.FromJson(File.ReadAllText(Path.Combine(Folder(), name)));

    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Chaos.Engine.Tests", "Reports", "TestData");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tests/Chaos.Engine.Tests/Reports/TestData above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
