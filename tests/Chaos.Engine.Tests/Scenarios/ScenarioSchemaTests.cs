using System.Globalization;
using System.Text.Json.Nodes;
using Chaos.Engine.Scenarios;
using NJsonSchema;
using Shouldly;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>
/// scenarios/scenario.schema.json lets editors check scenario files as they are typed: every shipped scenario must
/// satisfy it, it must refuse what the loader refuses at the level a schema can see, and its names must be the
/// loader's names.
/// </summary>
public sealed class ScenarioSchemaTests
{
    private static readonly string SchemaPath = SourceTree.Find("scenarios/scenario.schema.json");

    public static TheoryData<string> ShippedScenarios =>
        [.. Directory.GetFiles(Path.GetDirectoryName(SchemaPath)!, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public async Task ShippedScenario_SatisfiesTheSchemaAndTheLoader(string file)
    {
        var path = Path.Combine(Path.GetDirectoryName(SchemaPath)!, file);
        var yaml = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

        var errors = (await Schema()).Validate(ToJson(yaml));
        var loaded = ScenarioLoader.LoadFile(path);

        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
        loaded.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, loaded.Errors));
        yaml.ShouldStartWith("# yaml-language-server: $schema=./scenario.schema.json");
    }

    [Theory]
    [InlineData("injectionRate: 1.0", "injectionRate: 1.5")]
    [InlineData("kind: status, status: 503, retryAfter", "kind: explode, status: 503, retryAfter")]
    [InlineData("seed: 20190710", "sead: 20190710")]
    [InlineData("dependency: payments.primary        # required", "dependency: payments.tertiary")]
    [InlineData("checkout: 30", "checkoot: 30")]
    [InlineData("successRate: { atLeast: 0.95 }      # exactly one metric per expectation", "successRate: { atLeast: 0.95 }\n    p99: { atMost: 2s }")]
    [InlineData("duration: 80s", "duration: ten seconds")]
    public async Task BrokenScenario_IsRefusedByTheSchemaAsByTheLoader(string fragment, string replacement)
    {
        var yaml = ScenarioYaml.With(fragment, replacement);

        (await Schema()).Validate(ToJson(yaml)).ShouldNotBeEmpty();
        ScenarioLoader.Parse(yaml, ScenarioYaml.Path).Errors.ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("examples/bank-transfers/rehearsal.yaml")]
    [InlineData("examples/bank-transfers/regional-outage.yaml")]
    public async Task ExampleSystemScenario_SatisfiesTheSchema(string file)
    {
        var path = SourceTree.Find(file);
        var yaml = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

        var errors = (await Schema()).Validate(ToJson(yaml));

        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
        yaml.ShouldStartWith("# yaml-language-server: $schema=../../scenarios/scenario.schema.json");
    }

    [Theory]
    [InlineData("invariants:\n", "invariants:\n  - noLostOrders\n")]
    [InlineData("route: transfers }", "route: 42 }")]
    [InlineData("system: ./system.yaml", "system: 7")]
    public async Task BrokenSystemScenario_IsRefusedByTheSchema(string fragment, string replacement)
    {
        var yaml = (await File.ReadAllTextAsync(SourceTree.Find("examples/bank-transfers/rehearsal.yaml"), TestContext.Current.CancellationToken))
            .Replace(fragment, replacement, StringComparison.Ordinal);

        (await Schema()).Validate(ToJson(yaml)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task StorefrontScenarioWithAtMostOnce_IsRefusedByTheSchema()
    {
        var yaml = ScenarioYaml.With("invariants: [", "invariants: [{ atMostOnce: { dependency: payments.primary, route: charges } }, ");

        (await Schema()).Validate(ToJson(yaml)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Schema_NamesTheLoadersVocabulary()
    {
        var definitions = JsonNode.Parse(await File.ReadAllTextAsync(SchemaPath, TestContext.Current.CancellationToken))!["definitions"]!;

        Enum(definitions["storefrontJourneyName"]).ShouldBe(StorefrontVocabulary.Journeys, ignoreOrder: true);
        definitions["storefrontJourneys"]!["properties"]!.AsObject().Select(p => p.Key).ShouldBe(StorefrontVocabulary.Journeys, ignoreOrder: true);
        Enum(definitions["fault"]!["properties"]!["fault"]!["properties"]!["kind"]).ShouldBe(ScenarioVocabulary.FaultKinds.Select(k => k.Key), ignoreOrder: true);
        Enum(definitions["storefrontInvariant"])
            .ShouldBe(ScenarioVocabulary.Invariants.Select(i => i.Key), ignoreOrder: true);
        var metrics = definitions["expectation"]!["oneOf"]!.AsArray().Select(o => o!["required"]![0]!.GetValue<string>());
        metrics.ShouldBe(ScenarioVocabulary.Metrics.Select(m => m.Key), ignoreOrder: true);
        var tags = definitions["storefrontHostTags"]!["properties"]!.AsObject();
        tags.Select(t => t.Key).ShouldBe(StorefrontVocabulary.HostTags, ignoreOrder: true);
        foreach (var (tag, values) in StorefrontVocabulary.HostTagValues)
        {
            var pattern = new System.Text.RegularExpressions.Regex(tags[tag]!["pattern"]!.GetValue<string>());
            values.ShouldAllBe(v => pattern.IsMatch(v) && pattern.IsMatch(v.ToUpperInvariant()));
            pattern.IsMatch("beos").ShouldBeFalse();
        }

        foreach (var dependency in StorefrontVocabulary.Dependencies)
        {
            definitions["storefrontDependency"]!["pattern"]!.GetValue<string>().ShouldContain(dependency.Replace(".", "\\.", StringComparison.Ordinal));
        }
    }

    private static IEnumerable<string> Enum(JsonNode? node) => node!["enum"]!.AsArray().Select(v => v!.GetValue<string>());

    private static Task<JsonSchema> Schema() => JsonSchema.FromFileAsync(SchemaPath);

    /// <summary>YAML to JSON as an editor's YAML language server sees it: plain scalars that read as numbers or booleans are typed.</summary>
    private static string ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode)!.ToJsonString();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, Convert(pair.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var text } => Plain(text),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };

    private static JsonNode? Plain(string? text) => text switch
    {
        null or "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };
}
