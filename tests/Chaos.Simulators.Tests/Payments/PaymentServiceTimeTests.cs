using System.Net;
using System.Net.Http.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Payments;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Payments;

/// <summary>A healthy gateway takes its service time to answer; a fault that answers instead of serving does not.</summary>
public sealed class PaymentServiceTimeTests
{
    private static readonly TimeSpan ServiceTime = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Charge_ClientTimeoutBelowTheServiceTime_TimesOutButTheChargeExists()
    {
        await using var gateway = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { ServiceTime = ServiceTime });
        using var client = new HttpClient { BaseAddress = gateway.BaseUrl, Timeout = TimeSpan.FromSeconds(1) };

        await Should.ThrowAsync<TaskCanceledException>(() => client.PostAsJsonAsync("v1/charges", new { orderId = "o1", amount = 100, currency = "usd" }, TestContext.Current.CancellationToken));

        gateway.Journal.Charges.ShouldHaveSingleItem().OrderId.ShouldBe("o1");
    }

    [Fact]
    public async Task Charge_StatusFault_AnswersWithoutTheServiceTime()
    {
        await using var gateway = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { ServiceTime = ServiceTime });
        gateway.Faults.Apply(new FaultRule("outage", null, new FaultSpec { Kind = FaultKind.Status, StatusCode = 503 }));
        using var client = new HttpClient { BaseAddress = gateway.BaseUrl, Timeout = TimeSpan.FromSeconds(2) };

        using var response = await client.PostAsJsonAsync("v1/charges", new { orderId = "o1", amount = 100, currency = "usd" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        gateway.Journal.Charges.ShouldBeEmpty();
    }

    [Fact]
    public void SimulatorSetOptions_NegativeServiceTime_IsNamed() =>
        new SimulatorSetOptions { PaymentServiceTime = TimeSpan.FromMilliseconds(-1) }.Validate().ShouldHaveSingleItem().ShouldContain("PaymentServiceTime");
}
