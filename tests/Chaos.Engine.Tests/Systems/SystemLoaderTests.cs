using Chaos.Engine.Systems;
using Chaos.Engine.Systems.Templates;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Systems;

/// <summary><see cref="SystemLoader"/>: a valid system file binds every field; every bad input gets its exact line.</summary>
public sealed class SystemLoaderTests
{
    [Fact]
    public void LoadFile_ValidFile_BindsEveryField()
    {
        using var folder = new SystemFolder();

        var result = SystemLoader.LoadFile(folder.FilePath);

        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        var system = result.System.ShouldNotBeNull();
        system.Name.ShouldBe("bank-transfers");
        system.SourcePath.ShouldBe(folder.FilePath);

        var service = system.Service;
        service.Url.ShouldBeNull();
        service.Command.ShouldBe("dotnet");
        service.Args.ShouldBe(["app/BankTransfers.dll"]);
        service.Environment["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production");
        service.WorkingDirectory.ShouldBe(folder.Root);
        service.UsesPortPlaceholder.ShouldBeFalse();
        service.Ready.ShouldBe(new ReadyCheck("GET", "/health"));
        service.StartTimeout.ShouldBe(TimeSpan.FromSeconds(20));
        service.StopTimeout.ShouldBe(TimeSpan.FromSeconds(10));

        var bank = system.Dependency("bank").ShouldNotBeNull();
        bank.MappingFiles.ShouldBe([Path.Combine(folder.Root, "mappings", "bank", "transfers.json")]);
        bank.Routes.Select(r => (r.Name, r.Method, r.PathPattern)).ShouldBe([("transfers", "POST", "/v1/transfers"), ("transfer", "GET", "/v1/transfers/{id}")]);
        bank.ConfigKeys.ShouldBe(["Bank:BaseAddress"]);
        bank.Pass.ShouldBe(ConfigPassing.Both);
        bank.Instances.ShouldBeEmpty();

        var pay = system.Journey("pay").ShouldNotBeNull();
        pay.CaptureSlots.ShouldBe(2);
        pay.Steps.Select(s => s.Name).ShouldBe(["pay", "status"]);
        var first = pay.Steps[0];
        first.Success.Contains(201).ShouldBeTrue();
        first.Success.Contains(200).ShouldBeFalse();
        first.Degraded.ShouldBeNull();
        first.Captures.Select(c => (c.Name, c.Slot, c.Path.Text)).ShouldBe([("paymentId", 0, "$.paymentId"), ("firstSku", 1, "$.items[0].sku")]);
        pay.Steps[1].Success.ShouldBeSameAs(StatusSet.Successful);
        pay.Steps[1].Path.Text.ShouldBe("/payments/{{capture.paymentId}}");
    }

    [Fact]
    public void Parse_UrlService_NeedsNoWiringAndAppendsNoPort()
    {
        using var folder = new SystemFolder();
        var yaml = """
            name: remote
            service: { url: "http://127.0.0.1:5080" }
            dependencies:
              bank: { mappings: mappings/bank/transfers.json }
            journeys:
              ping: { steps: [{ method: GET, path: /health }] }
            """;

        var result = SystemLoader.Parse(yaml, folder.FilePath);

        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        result.System!.Service.Url.ShouldBe(new Uri("http://127.0.0.1:5080"));
        result.System.Service.Command.ShouldBeNull();
        result.System.Dependencies[0].MappingFiles.ShouldHaveSingleItem().ShouldEndWith("transfers.json");
    }

    [Fact]
    public void Parse_PortPlaceholderAndPool_AreBound()
    {
        using var folder = new SystemFolder();
        var yaml = SystemFolder.Valid
            .Replace("args: [app/BankTransfers.dll]", "args: [app.js, --port, \"{port}\"]", StringComparison.Ordinal)
            .Replace("    pass: both", "    env: [BANK_URL]\n    instances: [{ name: bank-1, tags: { region: eu } }, { name: bank-2 }]", StringComparison.Ordinal);

        var result = SystemLoader.Parse(yaml, folder.FilePath);

        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        result.System!.Service.UsesPortPlaceholder.ShouldBeTrue();
        var bank = result.System.Dependencies[0];
        bank.EnvVariables.ShouldBe(["BANK_URL"]);
        bank.Instances.Select(i => i.Name).ShouldBe(["bank-1", "bank-2"]);
        bank.Instances[0].Tags["region"].ShouldBe("eu");
    }

    [Theory]
    [InlineData("  command: dotnet", "  comand: dotnet",
        "system.yaml:3: service.comand: unknown key; did you mean command? The keys here are url, command, args, workingDirectory, env, ready, startTimeout or stopTimeout.",
        "system.yaml:3: service: has neither url nor command; add command: (Chaos starts the service) or url: (it is already running), like service: { command: dotnet, args: [bin/MyApi.dll], ready: GET /health }.")]
    [InlineData("  ready: GET /health", "  ready: FETCH health",
        "system.yaml:6: service.ready: \"FETCH\" is not an HTTP method; did you mean PATCH? Use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.",
        "system.yaml:6: service.ready: the path \"health\" does not start with /; write /health.")]
    [InlineData("  startTimeout: 20s", "  startTimeout: 20",
        "system.yaml:7: service.startTimeout: 20 has no unit; write 20s for seconds or 20ms for milliseconds.")]
    [InlineData("  command: dotnet", "  command: dotnet\n  url: http://127.0.0.1:5000",
        "system.yaml:3: service: has both url and command; keep url: for a service that is already running, or command: for one Chaos starts.")]
    [InlineData("  env: { ASPNETCORE_ENVIRONMENT: Production }", "  env: { ASPNETCORE-ENVIRONMENT: Production }",
        "system.yaml:5: service.env.ASPNETCORE-ENVIRONMENT: is not an environment variable name; use letters, digits and _, not starting with a digit, like Bank__BaseAddress.")]
    [InlineData("  startTimeout: 20s", "  startTimeout: 20s\n  workingDirectory: nowhere",
        "system.yaml:8: service.workingDirectory: the folder \"nowhere\" does not exist")]
    [InlineData("      transfers: POST /v1/transfers", "      transfers: post /v1/transfers",
        "system.yaml:12: dependencies.bank.routes.transfers: the method \"post\" is not upper case; write POST.")]
    [InlineData("      transfer: GET /v1/transfers/{id}", "      transfer: GET /v1/transfers/t-{id}",
        "system.yaml:13: dependencies.bank.routes.transfer: the path segment \"t-{id}\" mixes text and a wildcard; a wildcard (* or {id}) stands for a whole segment, like /v1/transfers/{id}.")]
    [InlineData("    config: [Bank:BaseAddress]", "    config: [\"Bank BaseAddress\"]",
        "system.yaml:14: dependencies.bank.config[0]: \"Bank BaseAddress\" is not a configuration key; write it like Bank:BaseAddress.")]
    [InlineData("    pass: both", "    pass: cli",
        "system.yaml:15: dependencies.bank.pass: \"cli\" is not a way to pass configuration; use env, args or both.")]
    [InlineData("    config: [Bank:BaseAddress]\n    pass: both", "    routs: {}",
        "system.yaml:10: dependencies.bank: does not say how the service finds the bank simulator; add config: [Bank:BaseAddress] (a .NET configuration key) or env: BANK_URL (an environment variable).",
        "system.yaml:14: dependencies.bank.routs: unknown key; did you mean routes? The keys here are mappings, routes, config, pass, env, pipeline or instances.")]
    [InlineData("    mappings: mappings/bank", "    mappings: mappings/bnak",
        "system.yaml:10: dependencies.bank.mappings: \"mappings/bnak\" is neither a folder nor a file")]
    [InlineData("        method: POST", "        method: SEND",
        "system.yaml:20: journeys.pay.steps[0].method: \"SEND\" is not an HTTP method; did you mean HEAD? Use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.")]
    [InlineData("        path: /payments\n", "        path: payments\n",
        "system.yaml:21: journeys.pay.steps[0].path: \"payments\" does not start with /; write /payments (paths are relative to the service's base URL).")]
    [InlineData("X-User: \"user-{{user.id}}\"", "X-User: \"user-{{usr.id}}\"",
        "system.yaml:22: journeys.pay.steps[0].headers.X-User: {{usr.id}} is not a template value; did you mean user.id? Use run.id, user.id, journey.id, uuid, random.int(min,max) or capture.<name>.")]
    [InlineData("headers: { X-User: \"user-{{user.id}}\" }", "headers: { traceparent: abc }",
        "system.yaml:22: journeys.pay.steps[0].headers.traceparent: is set by Chaos itself (each journey sends its own W3C trace context); remove it.")]
    [InlineData("{{random.int(1,500)}}", "{{random.int(500,1)}}",
        "system.yaml:23: journeys.pay.steps[0].body.amount: {{random.int(500,1)}} has its smallest value above its largest; write random.int(1,500).")]
    [InlineData("{{random.int(1,500)}}", "{{random.int(1)}}",
        "system.yaml:23: journeys.pay.steps[0].body.amount: {{random.int(1)}} needs two whole numbers, the smallest and the largest value; write it like {{random.int(1,100)}}.")]
    [InlineData("\"{{uuid}}\"", "\"{{uuid\"",
        "system.yaml:23: journeys.pay.steps[0].body.reference: \"{{uuid\" has no closing }}; close it, like {{user.id}}.")]
    [InlineData("success: [201]", "success: [201, 20x]",
        "system.yaml:24: journeys.pay.steps[0].success[1]: \"20x\" is not an HTTP status; write a code from 100 to 599 or a class like 2xx, like success: [200, 201].")]
    [InlineData("success: [201]", "success: [2xx]\n        degraded: [503, 201]",
        "system.yaml:25: journeys.pay.steps[0].degraded: 201 is both a success and a degradation; keep it in one of success: and degraded:.")]
    [InlineData("paymentId: $.paymentId", "paymentId: paymentId",
        "system.yaml:25: journeys.pay.steps[0].capture.paymentId: \"paymentId\" is not a JSON path; start it at the answer's root $, write it like $.id or $.items[0].sku.")]
    [InlineData("\"$.items[0].sku\"", "\"$.items[x].sku\"",
        "system.yaml:25: journeys.pay.steps[0].capture.firstSku: \"$.items[x].sku\" has a bad index at position 8; an index is a whole number in brackets, write it like $.id or $.items[0].sku.")]
    [InlineData("/payments/{{capture.paymentId}}", "/payments/{{capture.paymentid}}",
        "system.yaml:28: journeys.pay.steps[1].path: {{capture.paymentid}}: no earlier step captures paymentid; did you mean capture.paymentId? The earlier steps capture paymentId or firstSku.")]
    [InlineData("note: \"run {{run.id}}\"", "note: \"{{capture.paymentId}}\"",
        "system.yaml:23: journeys.pay.steps[0].body.note: {{capture.paymentId}}: no earlier step captures paymentId; add capture: { paymentId: $.id } to an earlier step, or remove the value.")]
    [InlineData("name: bank-transfers", "name: Bank Transfers",
        "system.yaml:1: name: \"Bank Transfers\" is not kebab-case; use lower-case words and digits joined by hyphens, like bank-transfers.")]
    [InlineData("pass: both", "pass: both\n    pipeline: \" BankClient\"",
        "system.yaml:16: dependencies.bank.pipeline: \" BankClient\" is not a pipeline name")]
    [InlineData("pass: both", "pass: both\n    pipeline: [BankClient]",
        "system.yaml:16: dependencies.bank.pipeline: expected text, got a list; write it like pipeline: BankClient-standard.")]
    public void Parse_BadInput_ReportsEachProblemWithItsLine(string fragment, string replacement, params string[] expected)
    {
        using var folder = new SystemFolder();
        SystemFolder.Valid.ShouldContain(fragment);
        var yaml = SystemFolder.Valid.Replace(fragment, replacement, StringComparison.Ordinal);

        var result = SystemLoader.Parse(yaml, folder.FilePath);

        result.IsValid.ShouldBeFalse();
        result.System.ShouldBeNull();
        var lines = result.Errors.Select(e => e.ToString().Replace(folder.FilePath, "system.yaml", StringComparison.Ordinal)).ToArray();
        lines.Length.ShouldBe(expected.Length, string.Join(Environment.NewLine, lines));
        for (var i = 0; i < expected.Length; i++)
        {
            lines[i].ShouldStartWith(expected[i]);
        }
    }

    [Fact]
    public void Parse_Pipeline_IsBoundToItsDependency()
    {
        using var folder = new SystemFolder();
        var yaml = SystemFolder.Valid.Replace("pass: both", "pass: both\n    pipeline: BankClient-standard", StringComparison.Ordinal);

        var result = SystemLoader.Parse(yaml, folder.FilePath);

        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        result.System!.Dependency("bank")!.Pipeline.ShouldBe("BankClient-standard");
        SystemLoader.Parse(SystemFolder.Valid, folder.FilePath).System!.Dependency("bank")!.Pipeline.ShouldBeNull();
    }

    [Fact]
    public void Parse_SeveralSections_ReportsEveryErrorAtOnceInLineOrder()
    {
        using var folder = new SystemFolder();
        var yaml = SystemFolder.Valid
            .Replace("startTimeout: 20s", "startTimeout: soon", StringComparison.Ordinal)
            .Replace("pass: both", "pass: cli", StringComparison.Ordinal)
            .Replace("method: GET", "method: GTE", StringComparison.Ordinal);

        var lines = SystemLoader.Parse(yaml, folder.FilePath).Errors.Select(e => e.Line).ToArray();

        lines.ShouldBe([7, 15, 27]);
    }

    [Theory]
    [InlineData("{ \"request\": { \"path\": \"/v1/transfers\" }, \"response\": { \"status\": 201 }, }", null)]
    [InlineData("{\n  \"request\": { \"path\": \"/v1/transfers\" }\n}",
        "system.yaml:10: dependencies.bank.mappings: mappings/bank/transfers.json:1: the mapping has no \"response\" object; add \"response\": { \"status\": 201 } (WireMock.Net's JSON mapping format).")]
    [InlineData("[\n  { \"Request\": { }, \"Response\": { } },\n  { \"request\": { } }\n]",
        "system.yaml:10: dependencies.bank.mappings: mappings/bank/transfers.json:3: mapping [1] has no \"response\" object; add \"response\": { \"status\": 201 } (WireMock.Net's JSON mapping format).")]
    [InlineData("{\n  \"request\": { \"path\": \"/v1/transfers\" \n  \"response\": {}\n}",
        "system.yaml:10: dependencies.bank.mappings: mappings/bank/transfers.json:3: not valid JSON")]
    [InlineData("42", "system.yaml:10: dependencies.bank.mappings: mappings/bank/transfers.json:1: holds no mapping;")]
    public void Parse_MappingFile_IsCheckedAsWireMockJson(string mapping, string? expected)
    {
        using var folder = new SystemFolder(mapping: mapping);

        var errors = SystemLoader.Parse(SystemFolder.Valid, folder.FilePath).Errors
            .Select(e => e.ToString().Replace(folder.FilePath, "system.yaml", StringComparison.Ordinal)).ToArray();

        if (expected is null)
        {
            errors.ShouldBeEmpty();
        }
        else
        {
            errors.ShouldHaveSingleItem().ShouldStartWith(expected);
        }
    }

    [Fact]
    public void Parse_EmptyMappingFolder_SaysWhatToAdd()
    {
        using var folder = new SystemFolder();
        Directory.CreateDirectory(Path.Combine(folder.Root, "mappings", "none"));
        var yaml = SystemFolder.Valid.Replace("mappings: mappings/bank", "mappings: mappings/none", StringComparison.Ordinal);

        var error = SystemLoader.Parse(yaml, folder.FilePath).Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(10);
        error.Message.ShouldBe("the folder \"mappings/none\" holds no .json mapping files; add WireMock.Net JSON mappings there, like mappings/none/healthy.json.");
    }

    [Fact]
    public void Parse_UrlServiceWithCommandKeys_FlagsEach()
    {
        using var folder = new SystemFolder();
        var yaml = "name: x\nservice:\n  url: http://127.0.0.1:1\n  args: [a]\njourneys:\n  j: { steps: [{ method: GET, path: / }] }\n";

        var error = SystemLoader.Parse(yaml, folder.FilePath).Errors.ShouldHaveSingleItem();

        error.ToString().ShouldBe($"{folder.FilePath}:4: service.args: applies only to a service Chaos starts; remove it, or replace url: with command:.");
    }

    [Theory]
    [InlineData("", 1, "the file has no system; write name, service and journeys (see \"The system file\" in scenarios/README.md).")]
    [InlineData("name: x\nname: y\n", 2, "the key name appears twice in the same map; keep one.")]
    [InlineData("- a\n- b\n", 1, "expected a map of keys such as name: and service:, got a list; see scenarios/README.md.")]
    [InlineData("name: x\nservice: [\n", 3, "YAML syntax error:")]
    public void Parse_BrokenDocument_GivesOneErrorNeverAnException(string yaml, int line, string message)
    {
        var error = SystemLoader.Parse(yaml, "system.yaml").Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(line);
        error.Message.ShouldStartWith(message);
    }

    [Fact]
    public void LoadFile_MissingFile_NamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "chaos-missing-" + Guid.NewGuid().ToString("N"), "system.yaml");

        SystemLoader.LoadFile(path).Errors.ShouldHaveSingleItem().ToString()
            .ShouldBe($"{path}: file not found; check the path (a scenario's system: is relative to the scenario file).");
    }

    [Theory]
    [InlineData("POST", "/v1/transfers", true)]
    [InlineData("post", "/v1/transfers/", true)]
    [InlineData("POST", "/v1/transfers?x=1", true)]
    [InlineData("GET", "/v1/transfers", false)]
    [InlineData("POST", "/v1/transfers/42", false)]
    [InlineData("POST", "/v1", false)]
    public void RouteMatches_ExactPath(string method, string path, bool expected) =>
        new RouteDefinition { Name = "transfers", Method = "POST", PathPattern = "/v1/transfers" }.Matches(method, path).ShouldBe(expected);

    [Theory]
    [InlineData("/v1/transfers/42/status", true)]
    [InlineData("/v1/transfers/42", false)]
    [InlineData("/v1/transfers//status", false)]
    [InlineData("/v1/transfers/42/other", false)]
    [InlineData("/v1/transfers", false)]
    public void RouteMatches_WildcardSegments(string path, bool expected) =>
        new RouteDefinition { Name = "status", Method = "GET", PathPattern = "/v1/*/{id}/status" }.Matches("GET", path).ShouldBe(expected);
}
