using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Library;

/// <summary>Every file in scenarios/ is run by the suite: as shipped it passes, with one setting broken it fails.</summary>
public sealed class ScenarioLibraryTests
{
    [Fact]
    public void EveryShippedScenario_HasATestClassThatRunsIt()
    {
        var shipped = Repository.ScenarioFiles().Select(Path.GetFileNameWithoutExtension).ToArray();

        CoversScenarioAttribute.Covered().ShouldBe(shipped, ignoreOrder: true);
    }
}
