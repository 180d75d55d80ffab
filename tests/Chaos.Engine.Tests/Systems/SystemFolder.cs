namespace Chaos.Engine.Tests.Systems;

/// <summary>A temporary folder holding a system file and its mapping files; deleted when disposed.</summary>
internal sealed class SystemFolder : IDisposable
{
    public const string HealthyMapping = """
        {
          "request": { "methods": ["POST"], "path": "/v1/transfers" },
          "response": { "status": 201, "jsonBody": { "id": "t-1" } }
        }
        """;

    /// <summary>A valid system file; tests replace fragments of it (line numbers below are pinned by the tests).</summary>
    public const string Valid = """
        name: bank-transfers
        service:
          command: dotnet
          args: [app/BankTransfers.dll]
          env: { ASPNETCORE_ENVIRONMENT: Production }
          ready: GET /health
          startTimeout: 20s
        dependencies:
          bank:
            mappings: mappings/bank
            routes:
              transfers: POST /v1/transfers
              transfer: GET /v1/transfers/{id}
            config: [Bank:BaseAddress]
            pass: both
        journeys:
          pay:
            steps:
              - name: pay
                method: POST
                path: /payments
                headers: { X-User: "user-{{user.id}}" }
                body: { amount: "{{random.int(1,500)}}", reference: "{{uuid}}", note: "run {{run.id}}", urgent: false }
                success: [201]
                capture: { paymentId: $.paymentId, firstSku: "$.items[0].sku" }
              - name: status
                method: GET
                path: /payments/{{capture.paymentId}}
        """;

    public SystemFolder(string yaml = Valid, string mapping = HealthyMapping)
    {
        Root = Path.Combine(Path.GetTempPath(), "chaos-system-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "mappings", "bank"));
        File.WriteAllText(Path.Combine(Root, "mappings", "bank", "transfers.json"), mapping);
        FilePath = Path.Combine(Root, "system.yaml");
        File.WriteAllText(FilePath, yaml);
    }

    public string Root { get; }

    public string FilePath { get; }

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
