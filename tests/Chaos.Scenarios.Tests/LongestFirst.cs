using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Chaos.Scenarios.Tests.LongestFirst))]

namespace Chaos.Scenarios.Tests;

/// <summary>
/// Marks a test class (or a collection definition) whose tests sit through a whole scenario timeline, about a minute of
/// wall-clock load each, so that <see cref="LongestFirst"/> starts it before the tests of a second or less.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class RunsAScenarioTimelineAttribute : Attribute;

/// <summary>
/// Starts the collections marked <see cref="RunsAScenarioTimelineAttribute"/> first (the longest-processing-time-first
/// rule): the module then ends about when its longest collection does, instead of a one-minute run starting last behind
/// a hundred short tests. Other collections keep xunit's order.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private const string PerClassPrefix = "Test collection for ";

    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : notnull, ITestCollection =>
        [.. DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections).OrderBy(c => RunsATimeline(c) ? 0 : 1)];

    private static bool RunsATimeline(ITestCollection collection) =>
        DefiningType(collection)?.GetCustomAttribute<RunsAScenarioTimelineAttribute>() is not null;

    private static Type? DefiningType(ITestCollection collection)
    {
        if (collection is IXunitTestCollection { CollectionDefinition: { } definition })
        {
            return definition;
        }

        // A class without [Collection] is a collection of its own, named after the class.
        var name = collection.TestCollectionDisplayName;
        return name.StartsWith(PerClassPrefix, StringComparison.Ordinal)
            ? typeof(LongestFirst).Assembly.GetType(name[PerClassPrefix.Length..])
            : null;
    }
}
