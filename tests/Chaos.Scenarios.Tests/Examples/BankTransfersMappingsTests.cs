using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using WireMock.Server;
using WireMock.Settings;
using Xunit;

namespace Chaos.Scenarios.Tests.Examples;

/// <summary>The example's mapping files are WireMock.Net's own format: a WireMock server serves them as they are.</summary>
public sealed class BankTransfersMappingsTests
{
    [Fact]
    public async Task MappingFiles_LoadedIntoWireMock_ServeAHealthyBank()
    {
        using var bank = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], MaxRequestLogCount = 10 });
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "examples", "bank-transfers", "mappings", "bank"), "*.json"))
        {
            bank.ReadStaticMappingAndAddOrUpdate(file);
        }

        using var client = new HttpClient { BaseAddress = new Uri(bank.Url!) };
        using var transfer = await client.PostAsJsonAsync("/v1/transfers", new { amount = 1200, reference = "order-1" }, TestContext.Current.CancellationToken);
        using var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        transfer.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var body = JsonDocument.Parse(await transfer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.GetProperty("id").GetString().ShouldBe("tr-0001");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
