using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Scenarios.ScenarioAssertions;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>The <c>storefront:</c> section: the configuration a compressed timeline needs, flattened to keys.</summary>
public sealed class ScenarioLoaderStorefrontTests
{
    private static readonly string WithSettings = ScenarioYaml.With(
        "drain: { timeout: 60s }",
        """
        drain: { timeout: 60s }
        storefront:
          Fulfillment:
            DelayedAfter: 5s
            EjectionDuration: 1500ms
            Hosts:
              - { Name: fc-1, BaseUrl: "http://127.0.0.1:1/" }
          Payments: { PendingLimit: 50, Note: "5s" }
        """);

    [Fact]
    public void Parse_StorefrontSection_FlattensToConfigurationKeys()
    {
        var scenario = ScenarioLoader.Parse(WithSettings, ScenarioYaml.Path).Scenario.ShouldNotBeNull();

        scenario.StorefrontSettings.ShouldBe(new Dictionary<string, string>
        {
            ["Fulfillment:DelayedAfter"] = "00:00:05",
            ["Fulfillment:EjectionDuration"] = "00:00:01.5000000",
            ["Fulfillment:Hosts:0:Name"] = "fc-1",
            ["Fulfillment:Hosts:0:BaseUrl"] = "http://127.0.0.1:1/",
            ["Payments:PendingLimit"] = "50",
            ["Payments:Note"] = "5s",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Parse_NoStorefrontSection_HasNoSettings()
    {
        var scenario = ScenarioLoader.Parse(ScenarioYaml.Valid, ScenarioYaml.Path).Scenario.ShouldNotBeNull();

        scenario.StorefrontSettings.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_SettingWithoutSection_SaysToNestIt()
    {
        var yaml = ScenarioYaml.With("drain: { timeout: 60s }", "drain: { timeout: 60s }\nstorefront: { DelayedAfter: 5s }");

        SingleError(yaml).ShouldBeAt("storefront.DelayedAfter", ScenarioYaml.LineOf(yaml, "storefront:"), "needs its section", "Fulfillment: { DelayedAfter: 5s }");
    }

    [Fact]
    public void Parse_KeyThatIsNotAConfigurationName_NamesIt()
    {
        var yaml = ScenarioYaml.With("drain: { timeout: 60s }", "drain: { timeout: 60s }\nstorefront:\n  Fulfillment:\n    \"Delayed After\": 5s");

        SingleError(yaml).ShouldBeAt("storefront.Fulfillment", ScenarioYaml.LineOf(yaml, "Delayed After"), "'Delayed After' is not a configuration key");
    }

    [Fact]
    public void Parse_StorefrontNotAMap_SaysHowToWriteIt()
    {
        var yaml = ScenarioYaml.With("drain: { timeout: 60s }", "drain: { timeout: 60s }\nstorefront: fast");

        SingleError(yaml).ShouldBeAt("storefront", ScenarioYaml.LineOf(yaml, "storefront:"), "expected a map");
    }
}
