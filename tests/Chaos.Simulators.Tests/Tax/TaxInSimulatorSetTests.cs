using System.Net;
using System.Net.Http.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Remote;
using Chaos.Simulators.Tax;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Tax;

/// <summary>The tax service as a member of the simulator set: configured for the storefront, and faulted through the control endpoint.</summary>
public sealed class TaxInSimulatorSetTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SimulatorSet_HostsTheTaxServiceAndPointsTheStorefrontsTaxBaseUrlAtIt()
    {
        await using var set = SimulatorSet.Start(new SimulatorSetOptions { FulfillmentHosts = 0, WindowsFulfillmentHosts = 0 });

        var tax = set.Dependencies.Single(d => d.Name == SimulatorSet.TaxName);
        tax.BaseUrl.ShouldBe(set.Tax.BaseUrl);
        tax.BaseUrl.Host.ShouldBe("127.0.0.1");
        set.StorefrontConfiguration()["Tax:BaseUrl"].ShouldBe(set.Tax.BaseUrl.AbsoluteUri);
    }

    [Fact]
    public void Validate_TaxPortOutOfRangeOrShared_SaysHowToFixIt()
    {
        new SimulatorSetOptions { TaxPort = 70000 }.Validate().ShouldContain("tax port 70000 is outside [0, 65535]; use 0 for a free port.");
        new SimulatorSetOptions { TaxPort = 5201, PaymentsPrimaryPort = 5201 }.Validate()
            .ShouldContain(e => e.StartsWith("two simulators share a port", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ControlEndpoint_FaultsTheTaxServiceAsDependencyTaxAndReadsItsJournal()
    {
        await using var set = SimulatorSet.Start(new SimulatorSetOptions { FulfillmentHosts = 0, WindowsFulfillmentHosts = 0 });
        await using var server = await SimulatorControlServer.StartAsync(set, "127.0.0.1", 0, Cancellation);
        using var control = await SimulatorControlClient.ConnectAsync(server.Url, null, Cancellation);
        var tax = control.Controls.Single(c => c.Dependency == "tax");
        using var client = new HttpClient { BaseAddress = control.Dependencies.Single(d => d.Name == "tax").BaseUrl };
        var body = new { lines = new[] { new { sku = "sku-001", quantity = 1, unitPrice = 999 } }, subtotal = 999 };

        await tax.ApplyAsync(new FaultRule("bad-deploy", TaxServiceSimulator.QuotesRoute, new FaultSpec { Kind = FaultKind.Status, StatusCode = 500 }), Cancellation);
        using (var faulted = await client.PostAsJsonAsync("v1/quotes", body, Cancellation))
        {
            faulted.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }

        await tax.ClearAsync("bad-deploy", Cancellation);
        using (var served = await client.PostAsJsonAsync("v1/quotes", body, Cancellation))
        {
            served.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var journal = await tax.ReadJournalAsync(Cancellation);
        journal.Dependency.ShouldBe("tax");
        journal.Calls.Select(c => (c.Route, c.StatusCode, c.Faulted)).ShouldBe([("quotes", 500, true), ("quotes", 200, false)]);
    }
}
