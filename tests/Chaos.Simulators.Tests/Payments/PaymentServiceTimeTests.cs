using System.Net;
using System.Net.Http.Json;
using Chaos.Engine.Faults;
using Chaos.Simulators.Payments;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Chaos.Simulators.Tests.Payments;

/// <summary>A healthy gateway takes its service time to answer; a fault that answers instead of serving does not.</summary>
public sealed class PaymentServiceTimeTests
{
    private static readonly TimeSpan ServiceTime = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Charge_DuringTheServiceTime_IsRecordedBeforeTheAnswer()
    {
        // The gateway commits the charge when the request arrives and answers after its service time: a client that
        // gives up in between (an attempt timeout below the service time) leaves a charge behind, as a real gateway does.
        var time = new ServiceTimeClock(ServiceTime);
        await using var gateway = PaymentGatewaySimulator.Start(new PaymentGatewaySimulatorOptions { ServiceTime = ServiceTime, TimeProvider = time });
        using var client = new HttpClient { BaseAddress = gateway.BaseUrl };
        var charge = client.PostAsJsonAsync("v1/charges", new { orderId = "o1", amount = 100, currency = "usd" }, TestContext.Current.CancellationToken);

        // The gateway records the charge, then waits its service time on its clock: once that wait has begun, the charge
        // is in the journal and the answer is still to come.
        await time.ServiceTimeStarted.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        gateway.Journal.Charges.ShouldHaveSingleItem().OrderId.ShouldBe("o1");
        charge.IsCompleted.ShouldBeFalse("the answer waits for the service time, and the gateway's clock has not moved");
        time.Advance(ServiceTime);

        using var response = await charge;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
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

    /// <summary>A fake clock that says when a wait of the service time has begun on it.</summary>
    private sealed class ServiceTimeClock(TimeSpan serviceTime) : FakeTimeProvider
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task ServiceTimeStarted => _started.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == serviceTime)
            {
                _started.TrySetResult();
            }

            return timer;
        }
    }
}
