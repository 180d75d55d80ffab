using Chaos.Engine.Scenarios;
using Shouldly;
using Xunit;
using static Chaos.Engine.Tests.Scenarios.ScenarioAssertions;

namespace Chaos.Engine.Tests.Scenarios;

/// <summary>Errors of the file as a whole: YAML syntax, required and unknown keys, wrong types.</summary>
public sealed class ScenarioLoaderDocumentTests
{
    [Fact]
    public void Parse_YamlSyntaxError_GivesOneErrorAtTheParsersLine()
    {
        var yaml = ScenarioYaml.With("seed: 20190710 ", "seed: \"20190710 ");

        var error = SingleError(yaml);

        error.Line.ShouldBe(ScenarioYaml.LineOf(yaml, "seed:"));
        error.Field.ShouldBe("");
        error.Message.ShouldStartWith("YAML syntax error: ");
        error.Message.ShouldEndWith("close the quote that starts here.");
        error.Message.ShouldNotContain(" at ");
    }

    [Fact]
    public void Parse_TabIndentation_GivesTheLineOfTheTab()
    {
        const string Yaml = "name: x\n\tseed: 1\n";

        SingleError(Yaml).ShouldBeAt("", 2, "not tabs");
    }

    [Fact]
    public void Parse_UnquotedColonInValue_SaysToQuoteIt()
    {
        const string Yaml = "name: x\nincident: Stripe API: outage\n";

        SingleError(Yaml).ShouldBeAt("", 2, "needs quotes");
    }

    [Fact]
    public void Parse_BadIndentation_GivesTheLineOfTheProblem()
    {
        const string Yaml = "name: x\nload:\n  journeys: { browse: 1 }\n   phases: []\n";

        SingleError(Yaml).Line.ShouldBe(4);
    }

    [Fact]
    public void Parse_UnclosedFlowList_GivesAnErrorWithALineInsteadOfThrowing()
    {
        // YamlDotNet throws InvalidOperationException without a position for this one.
        const string Yaml = "name: x\ninvariants: [noLostOrders, noDoubleCharges\nseed: 3\n";

        var error = SingleError(Yaml);

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("unclosed [ or {");
    }

    [Fact]
    public void Parse_DuplicateKey_NamesTheKeyAndItsLine()
    {
        var yaml = ScenarioYaml.With("seed: 20190710 ", "seed: 20190710\nseed: 1 ");

        SingleError(yaml).ShouldBeAt("seed", ScenarioYaml.LineOf(yaml, "seed: 1"), "appears twice", "keep one");
    }

    [Fact]
    public void Parse_UnknownAlias_SaysToDefineTheAnchor()
    {
        SingleError("name: *base\n").Message.ShouldContain("define &base");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Parse_EmptyFile_SaysWhatAScenarioNeeds(string yaml)
    {
        SingleError(yaml).ShouldBeAt("", 1, "name, incident, description, seed, load and expectations");
    }

    [Fact]
    public void Parse_RootIsAList_SaysAMapIsExpected()
    {
        SingleError("- name: x\n").ShouldBeAt("", 1, "expected a map of keys such as name: and load:, got a list");
    }

    [Fact]
    public void Parse_TwoDocuments_SaysOneDocumentPerFile()
    {
        var yaml = ScenarioYaml.Valid + "---\nname: other\n";

        SingleError(yaml).ShouldBeAt("", ScenarioYaml.LineOf(yaml, "name: other"), "one YAML document");
    }

    [Theory]
    [InlineData("name")]
    [InlineData("incident")]
    [InlineData("description")]
    [InlineData("seed")]
    [InlineData("load")]
    [InlineData("expectations")]
    public void Parse_MissingRequiredTopLevelKey_NamesItWithAnExample(string key)
    {
        var lines = ScenarioYaml.Valid.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(key + ":", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, start + 1, l => l.Length > 0 && !char.IsWhiteSpace(l[0]));
        var yaml = string.Join('\n', lines[..start].Concat(lines[end..]));

        SingleError(yaml).ShouldBeAt(key, 2, "is missing; add it, like ");
    }

    [Fact]
    public void Parse_RequiredKeyWithoutValue_SaysItHasNoValue()
    {
        var yaml = ScenarioYaml.With("seed: 20190710 ", "seed: ");

        SingleError(yaml).ShouldBeAt("seed", ScenarioYaml.LineOf(yaml, "seed:"), "has no value; write it like seed: 20190710.");
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_SuggestsTheClosestKey()
    {
        var yaml = ScenarioYaml.With("drain: { timeout: 60s }", "drian: { timeout: 60s }");

        var error = SingleError(yaml);

        error.ShouldBeAt("drian", ScenarioYaml.LineOf(yaml, "drian:"), "unknown key; did you mean drain?");
        error.Message.ShouldContain("The keys here are name, incident, description, seed, load, faults, expectations, invariants, drain or storefront.");
    }

    [Fact]
    public void Parse_UnknownNestedKeyWithWrongCase_SuggestsTheKey()
    {
        var yaml = ScenarioYaml.With("injectionRate: 0.3", "InjectionRate: 0.3");

        SingleError(yaml).ShouldBeAt("faults[1].fault.InjectionRate", ScenarioYaml.LineOf(yaml, "InjectionRate"), "did you mean injectionRate?");
    }

    [Fact]
    public void Parse_UnknownKeyFarFromAny_ListsTheKnownKeys()
    {
        var yaml = ScenarioYaml.With("  maxInFlight: 512 ", "  owner: payments-team\n  maxInFlight: 512 ");

        SingleError(yaml).ShouldBeAt("load.owner", ScenarioYaml.LineOf(yaml, "owner:"), "unknown key; remove it, or use maxInFlight, requestTimeout, thinkTime, warmUp, journeys or phases.");
    }

    [Fact]
    public void Parse_NameNotKebabCase_SuggestsAKebabName()
    {
        var yaml = ScenarioYaml.With("name: payment-gateway-down ", "name: PaymentGateway Down ");

        SingleError(yaml).ShouldBeAt("name", 2, "\"PaymentGateway Down\" is not kebab-case", "like payment-gateway-down.");
    }

    [Fact]
    public void Parse_IncidentOnSeveralLines_SaysToKeepItToOneLine()
    {
        var yaml = ScenarioYaml.With(
            "incident: \"Stripe API, 10 July 2019: most API requests failed for 27 min, then a relapse\"",
            "incident: |\n  Stripe API\n  10 July 2019\n");

        SingleError(yaml).ShouldBeAt("incident", 3, "one line", "description");
    }

    [Fact]
    public void Parse_StringWhereNumberExpected_NamesTheExpectedType()
    {
        var yaml = ScenarioYaml.With("seed: 20190710 ", "seed: lucky ");

        SingleError(yaml).ShouldBeAt("seed", ScenarioYaml.LineOf(yaml, "seed:"), "expected a whole number, got \"lucky\"; write it like seed: 20190710.");
    }

    [Fact]
    public void Parse_QuotedNumber_SaysToRemoveTheQuotes()
    {
        var yaml = ScenarioYaml.With("seed: 20190710 ", "seed: \"20190710\" ");

        SingleError(yaml).Message.ShouldBe("expected a whole number, got the text \"20190710\"; remove the quotes.");
    }

    [Fact]
    public void Parse_FractionWhereWholeNumberExpected_SaysItIsNotWhole()
    {
        var yaml = ScenarioYaml.With("maxInFlight: 512", "maxInFlight: 1.5");

        SingleError(yaml).ShouldBeAt("load.maxInFlight", ScenarioYaml.LineOf(yaml, "maxInFlight"), "1.5 is not a whole number");
    }

    [Fact]
    public void Parse_ListWhereMapExpected_NamesTheExpectedType()
    {
        var yaml = ScenarioYaml.With("drain: { timeout: 60s }", "drain: [60s]");

        SingleError(yaml).ShouldBeAt("drain", ScenarioYaml.LineOf(yaml, "drain:"), "expected a map, got a list; write it like drain: { timeout: 60s }.");
    }

    [Fact]
    public void Parse_MapWhereListExpected_NamesTheExpectedType()
    {
        var yaml = ScenarioYaml.With("invariants: [noLostOrders, noDoubleCharges, pendingPaymentsCaptured]", "invariants: { noLostOrders: true }");

        SingleError(yaml).ShouldBeAt("invariants", ScenarioYaml.LineOf(yaml, "invariants:"), "expected a list, got a map");
    }

    [Fact]
    public void Parse_MapWhereTextExpected_NamesTheExpectedType()
    {
        var yaml = ScenarioYaml.With("name: payment-gateway-down ", "name: { a: 1 } ");

        SingleError(yaml).ShouldBeAt("name", 2, "expected text, got a map");
    }

    [Fact]
    public void Parse_UnknownInvariant_SuggestsTheClosest()
    {
        var yaml = ScenarioYaml.With("noLostOrders,", "noLostOrder,");

        SingleError(yaml).ShouldBeAt(
            "invariants[0]",
            ScenarioYaml.LineOf(yaml, "invariants:"),
            "\"noLostOrder\" is not an invariant; did you mean noLostOrders? Use noLostOrders, noDoubleCharges, pendingPaymentsCaptured, noDuplicateShipments, everyPaidOrderShipped, noUnauthenticatedAccess, noOversell, shippedAsPaid or noPaidCartChanged.");
    }

    [Fact]
    public void Parse_DuplicateInvariant_SaysToRemoveOne()
    {
        var yaml = ScenarioYaml.With("pendingPaymentsCaptured]", "noLostOrders]");

        SingleError(yaml).ShouldBeAt("invariants[2]", ScenarioYaml.LineOf(yaml, "invariants:"), "noLostOrders is already listed");
    }

    [Fact]
    public void Parse_NegativeDrainTimeout_SaysHowToFix()
    {
        var yaml = ScenarioYaml.With("timeout: 60s", "timeout: -1s");

        SingleError(yaml).ShouldBeAt("drain.timeout", ScenarioYaml.LineOf(yaml, "drain:"), "-1s is negative");
    }

    [Theory]
    [InlineData("0s", "0s is not a positive duration")]
    [InlineData("-5s", "-5s is not a positive duration")]
    public void Parse_DrainSettleNotPositive_SaysHowToFix(string settle, string message)
    {
        var yaml = ScenarioYaml.With("drain: { timeout: 60s }", $"drain: {{ timeout: 60s, settle: {settle} }}");

        SingleError(yaml).ShouldBeAt("drain.settle", ScenarioYaml.LineOf(yaml, "drain:"), message);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllOfThemOrderedByLine()
    {
        var yaml = ScenarioYaml.With("name: payment-gateway-down ", "name: Payment Gateway ");
        yaml = ScenarioYaml.With(yaml, "seed: 20190710 ", "seed: soon ");
        yaml = ScenarioYaml.With(yaml, "duration: 80s", "duration: ten seconds");
        yaml = ScenarioYaml.With(yaml, "dependency: payments.primary        # required", "dependency: payments.primry");
        yaml = ScenarioYaml.With(yaml, "injectionRate: 0.3", "injectionRate: 1.5");
        yaml = ScenarioYaml.With(yaml, "kind: status", "kind: explode");
        yaml = ScenarioYaml.With(yaml, "- phase: run", "- phase: ruin");
        yaml = ScenarioYaml.With(yaml, "drain: { timeout: 60s }", "drian: { timeout: 60s }");

        var errors = Errors(yaml);

        errors.Select(e => e.Field).ShouldBe(
        [
            "name",
            "seed",
            "load.phases[1].duration",
            "faults[0].dependency",
            "faults[0].fault.kind",
            "faults[1].fault.injectionRate",
            "expectations[3].phase",
            "drian",
        ]);
        errors.Select(e => e.Line).ShouldBeInOrder();
    }

    [Fact]
    public void Parse_ErrorInOneSection_DoesNotCascadeIntoOthers()
    {
        // The fault's name is still known to the expectations even though its dependency is wrong.
        var yaml = ScenarioYaml.With("dependency: payments.primary        # required", "dependency: payments.tertiary");

        SingleError(yaml).Field.ShouldBe("faults[0].dependency");
    }
}
