namespace Chaos.Scenarios.Tests;

/// <summary>Finds files of the repository from the test binaries' folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ScenariosDirectory => Path.Combine(Root, "scenarios");

    public static string Scenario(string name) => Path.Combine(ScenariosDirectory, name + ".yaml");

    /// <summary>The folder of test-data scenarios: short runs made for the compare and multi-process tests, not library scenarios.</summary>
    public static string TestScenariosDirectory => Path.Combine(Root, "tests", "Chaos.Scenarios.Tests", "TestData");

    public static string TestScenario(string name) => Path.Combine(TestScenariosDirectory, name + ".yaml");

    public static IEnumerable<string> ScenarioFiles() => Directory.EnumerateFiles(ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Chaos.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Chaos.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
