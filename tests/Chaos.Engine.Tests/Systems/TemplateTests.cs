using System.Text.Json;
using Chaos.Engine.Systems;
using Chaos.Engine.Systems.Templates;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Systems;

/// <summary>Templates, JSON body templates and JSONPath-lite: parsed once, rendered per use from the user's seeded random source.</summary>
public sealed class TemplateTests
{
    private static readonly Dictionary<string, int> NoCaptures = [];

    private static Template Parse(string text, IReadOnlyDictionary<string, int>? captures = null)
    {
        var problems = new List<string>();
        var template = TemplateParser.Parse(text, captures ?? NoCaptures, problems);
        problems.ShouldBeEmpty();
        return template.ShouldNotBeNull();
    }

    private static TemplateScope Scope(int seed = 7, int slots = 0) => new("run-1", 42, new Random(seed), "journey-9", slots);

    [Fact]
    public void Render_Literal_IsTheTextItself()
    {
        var template = Parse("/health");

        template.IsLiteral.ShouldBeTrue();
        template.Render(Scope()).ShouldBeSameAs(template.Text);
    }

    [Fact]
    public void Render_Values_AreReplaced()
    {
        var template = Parse("/runs/{{run.id}}/users/{{ user.id }}/journeys/{{journey.id}}");

        template.Render(Scope()).ShouldBe("/runs/run-1/users/42/journeys/journey-9");
    }

    [Fact]
    public void Render_UuidAndRandomInt_AreFreshPerUseAndReplayFromTheSeed()
    {
        var template = Parse("{{uuid}} {{random.int(1,6)}} {{uuid}}");
        var scope = Scope(seed: 11);

        var first = template.Render(scope);
        var second = template.Render(scope);
        var replayed = template.Render(Scope(seed: 11));

        replayed.ShouldBe(first);
        second.ShouldNotBe(first);
        var parts = first.Split(' ');
        Guid.TryParse(parts[0], out var uuid).ShouldBeTrue();
        parts[0][14].ShouldBe('4'); // version 4
        "89ab".ShouldContain(parts[0][19]); // RFC 4122 variant
        parts[2].ShouldNotBe(parts[0]);
        int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 6);
        uuid.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public void Render_RandomInt_CoversBothBoundsInclusively()
    {
        var template = Parse("{{random.int(1,3)}}");
        var scope = Scope();

        var seen = Enumerable.Range(0, 200).Select(_ => template.Render(scope)).ToHashSet();

        seen.Order().ShouldBe(["1", "2", "3"]);
    }

    [Fact]
    public void Render_Capture_ReadsItsSlot()
    {
        var template = Parse("/payments/{{capture.paymentId}}", new Dictionary<string, int> { ["paymentId"] = 1 });
        var scope = Scope(slots: 2);
        scope.SetCaptured(1, "p-77");

        template.Render(scope).ShouldBe("/payments/p-77");
    }

    [Theory]
    [InlineData("{{nope}}", "{{nope}} is not a template value; use run.id, user.id, journey.id, uuid, random.int(min,max) or capture.<name>.")]
    [InlineData("{{random.int(a,b)}}", "{{random.int(a,b)}} needs two whole numbers, the smallest and the largest value; write it like {{random.int(1,100)}}.")]
    [InlineData("{{random.int(1,2}}", "{{random.int(1,2}} is missing its closing parenthesis; write it like {{random.int(1,100)}}.")]
    [InlineData("{{uuid}} and {{uid}}", "{{uid}} is not a template value; did you mean uuid? Use run.id, user.id, journey.id, uuid, random.int(min,max) or capture.<name>.")]
    public void Parse_BadValue_SaysHowToFixIt(string text, string expected)
    {
        var problems = new List<string>();

        TemplateParser.Parse(text, NoCaptures, problems).ShouldBeNull();

        problems.ShouldHaveSingleItem().ShouldBe(expected);
    }

    [Fact]
    public void Body_YamlValues_BecomeJsonWithTemplatesInStrings()
    {
        using var folder = new SystemFolder();
        var system = SystemLoader.LoadFile(folder.FilePath).System.ShouldNotBeNull();
        var body = system.Journeys[0].Steps[0].Body.ShouldNotBeNull();

        var json = body.Render(Scope(seed: 3));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("amount").ValueKind.ShouldBe(JsonValueKind.Number); // a whole {{random.int}} is a number
        root.GetProperty("amount").GetInt32().ShouldBeInRange(1, 500);
        Guid.TryParse(root.GetProperty("reference").GetString(), out _).ShouldBeTrue();
        root.GetProperty("note").GetString().ShouldBe("run run-1");
        root.GetProperty("urgent").GetBoolean().ShouldBeFalse();
        body.Render(Scope(seed: 3)).ShouldBe(json);
    }

    [Fact]
    public void Body_NestedListsNumbersAndQuotedNumbers_KeepTheirJsonKinds()
    {
        using var folder = new SystemFolder();
        var yaml = SystemFolder.Valid.Replace(
            "body: { amount: \"{{random.int(1,500)}}\", reference: \"{{uuid}}\", note: \"run {{run.id}}\", urgent: false }",
            "body: { lines: [{ sku: sku-1, qty: 2 }, ~], code: \"007\", price: 1.5, user: \"{{user.id}}\" }",
            StringComparison.Ordinal);
        var body = SystemLoader.Parse(yaml, folder.FilePath).System!.Journeys[0].Steps[0].Body!;

        body.Render(Scope()).ShouldBe("""{"lines":[{"sku":"sku-1","qty":2},null],"code":"007","price":1.5,"user":42}""");
    }

    [Theory]
    [InlineData("$.id", """{"id":"p-1"}""", "p-1")]
    [InlineData("$.items[1].sku", """{"items":[{"sku":"a"},{"sku":"b"}]}""", "b")]
    [InlineData("$.count", """{"count":12}""", "12")]
    [InlineData("$[0]", """[true]""", "true")]
    [InlineData("$", """{"a":1}""", """{"a":1}""")]
    [InlineData("$.missing", """{"id":"p-1"}""", null)]
    [InlineData("$.id", """{"id":null}""", null)]
    [InlineData("$.items[5]", """{"items":[]}""", null)]
    [InlineData("$.id.x", """{"id":"p-1"}""", null)]
    public void JsonPathLite_FindsTheValue(string path, string json, string? expected)
    {
        JsonPathLite.TryParse(path, out var parsed, out var problem).ShouldBeTrue(problem);
        using var document = JsonDocument.Parse(json);

        parsed!.TryEvaluate(document.RootElement, out var value).ShouldBe(expected is not null);
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("id", "\"id\" is not a JSON path; start it at the answer's root $, write it like $.id or $.items[0].sku.")]
    [InlineData("$.", "\"$.\" has an empty name after a dot at position 2; write it like $.id or $.items[0].sku.")]
    [InlineData("$x", "\"$x\" has \"x\" at position 2 where a . or [ belongs; write it like $.id or $.items[0].sku.")]
    [InlineData("$.items[", "\"$.items[\" has a bad index at position 8; an index is a whole number in brackets, write it like $.id or $.items[0].sku.")]
    public void JsonPathLite_BadPath_SaysHowToWriteIt(string path, string expected)
    {
        JsonPathLite.TryParse(path, out _, out var problem).ShouldBeFalse();

        problem.ShouldBe(expected);
    }
}
