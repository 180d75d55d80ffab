using System.Globalization;
using System.Text.Json.Nodes;
using Chaos.Engine.Systems;
using Chaos.Engine.Tests.Scenarios;
using NJsonSchema;
using Shouldly;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Engine.Tests.Systems;

/// <summary>
/// scenarios/system.schema.json lets editors check system files as they are typed: the shipped example satisfies it, and
/// it refuses what the loader refuses at the level a schema can see.
/// </summary>
public sealed class SystemSchemaTests
{
    private static readonly string SchemaPath = SourceTree.Find("scenarios/system.schema.json");

    [Theory]
    [InlineData("examples/bank-transfers/system.yaml")]
    [InlineData("examples/bank-transfers/system-regions.yaml")]
    public async Task ShippedExample_SatisfiesTheSchemaAndTheLoader(string file)
    {
        var path = SourceTree.Find(file);
        var yaml = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);

        var errors = (await Schema()).Validate(ToJson(yaml));

        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
        SystemLoader.LoadFile(path).Errors.ShouldBeEmpty();
        yaml.ShouldStartWith("# yaml-language-server: $schema=../../scenarios/system.schema.json");
    }

    [Fact]
    public async Task TestSystemFile_SatisfiesTheSchema()
    {
        var errors = (await Schema()).Validate(ToJson(SystemFolder.Valid));

        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Theory]
    [InlineData("  command: dotnet", "  comand: dotnet")]
    [InlineData("        method: POST", "        method: SEND")]
    [InlineData("name: bank-transfers", "name: Bank Transfers")]
    [InlineData("    pass: both", "    pass: cli")]
    [InlineData("  startTimeout: 20s", "  startTimeout: 20")]
    [InlineData("success: [201]", "success: [601]")]
    [InlineData("        path: /payments\n", "        path: payments\n")]
    [InlineData("      transfers: POST /v1/transfers", "      transfers: post /v1/transfers")]
    public async Task BrokenSystemFile_IsRefusedByTheSchemaAsByTheLoader(string fragment, string replacement)
    {
        using var folder = new SystemFolder();
        var yaml = SystemFolder.Valid.Replace(fragment, replacement, StringComparison.Ordinal);
        yaml.ShouldNotBe(SystemFolder.Valid);

        (await Schema()).Validate(ToJson(yaml)).ShouldNotBeEmpty();
        SystemLoader.Parse(yaml, folder.FilePath).Errors.ShouldNotBeEmpty();
    }

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
