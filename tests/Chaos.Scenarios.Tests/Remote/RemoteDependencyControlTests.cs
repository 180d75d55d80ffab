using System.Net;
using System.Net.Http.Json;
using Chaos.Engine.Faults;
using Chaos.Hosting;
using Chaos.Simulators;
using Chaos.Simulators.Payments;
using Chaos.Simulators.Remote;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Remote;

/// <summary>The control endpoint of <c>chaos simulate</c> and the remote control surface the fault player drives through it.</summary>
public sealed class RemoteDependencyControlTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FaultAppliedRemotely_ShowsInRealRequestsAndInTheJournal_UntilCleared()
    {
        await using var simulators = SimulatorSet.Start(new SimulatorSetOptions { Seed = 7 });
        await using var server = await SimulatorControlServer.StartAsync(simulators, "127.0.0.1", 0, Cancellation);
        using var control = await SimulatorControlClient.ConnectAsync(server.Url, TimeSpan.FromSeconds(5), Cancellation);

        control.Dependencies.Select(d => d.Name).Take(3).ShouldBe([SimulatorSet.PaymentsPrimaryName, SimulatorSet.PaymentsSecondaryName, SimulatorSet.IdentityName]);

        // Tags cross the wire, so a remote run can target a host cohort by tag.
        SimulatorSet.HostTargets(control.Dependencies).Count(h => h.Tags["os"] == "windows").ShouldBe(4);
        control.Dependencies[0].BaseUrl.ShouldBe(simulators.PrimaryGateway.BaseUrl);
        var primary = control.Controls.Single(c => c.Dependency == SimulatorSet.PaymentsPrimaryName);
        using var gateway = new HttpClient { BaseAddress = simulators.PrimaryGateway.BaseUrl };

        await primary.ApplyAsync(
            new FaultRule("outage", PaymentGatewaySimulator.ChargesRoute, new FaultSpec { Kind = FaultKind.Status, StatusCode = 503, RetryAfter = TimeSpan.FromSeconds(7) }),
            Cancellation);
        using (var faulted = await gateway.PostAsJsonAsync("v1/charges", new { orderId = "order-1", amount = 1200 }, Cancellation))
        {
            faulted.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            faulted.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(7));
        }

        await primary.ClearAsync("outage", Cancellation);
        using (var served = await gateway.PostAsJsonAsync("v1/charges", new { orderId = "order-2", amount = 1200 }, Cancellation))
        {
            served.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var journal = await primary.ReadJournalAsync(Cancellation);
        journal.Dependency.ShouldBe(SimulatorSet.PaymentsPrimaryName);
        journal.Calls.Select(c => (c.Route, c.StatusCode, c.Faulted)).ShouldBe([("charges", 503, true), ("charges", 200, false)]);
        journal.Charges.Select(c => (c.OrderId, c.Amount)).ShouldBe([("order-2", 1200L)]);
    }

    [Fact]
    public async Task ControlEndpoint_BadRequests_AnswerWithWhatToFix()
    {
        await using var simulators = SimulatorSet.Start(new SimulatorSetOptions());
        await using var server = await SimulatorControlServer.StartAsync(simulators, "127.0.0.1", 0, Cancellation);
        using var http = new HttpClient { BaseAddress = server.Url };

        using var unknownKind = await http.PutAsync(
            "control/dependencies/payments.primary/faults/x", JsonContent.Create(new { name = "x", fault = new { kind = "NoSuchKind" } }), Cancellation);
        using var nameMismatch = await http.PutAsync(
            "control/dependencies/payments.primary/faults/x", JsonContent.Create(new { name = "y", fault = new { kind = "Status" } }), Cancellation);
        using var unknownDependency = await http.GetAsync("control/dependencies/payments.tertiary/journal", Cancellation);

        unknownKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        nameMismatch.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nameMismatch.Content.ReadAsStringAsync(Cancellation)).ShouldContain("use the same name in both");
        unknownDependency.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknownDependency.Content.ReadAsStringAsync(Cancellation)).ShouldContain("payments.primary, payments.secondary, identity");
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_FailsNamingTheUrl()
    {
        var port = LoopbackPort.Free();
        var url = new Uri($"http://127.0.0.1:{port}/");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => SimulatorControlClient.ConnectAsync(url, TimeSpan.FromSeconds(2), Cancellation));

        error.Message.ShouldContain($"http://127.0.0.1:{port}/control/dependencies");
        error.Message.ShouldContain("chaos simulate");
    }

    [Fact]
    public async Task ApplyAsync_ControlEndpointGone_FailsNamingTheUrl()
    {
        var simulators = SimulatorSet.Start(new SimulatorSetOptions());
        var server = await SimulatorControlServer.StartAsync(simulators, "127.0.0.1", 0, Cancellation);
        using var control = await SimulatorControlClient.ConnectAsync(server.Url, TimeSpan.FromSeconds(2), Cancellation);
        await server.DisposeAsync();
        simulators.Dispose();

        var error = await Should.ThrowAsync<InvalidOperationException>(async () =>
            await control.Controls[0].ApplyAsync(new FaultRule("outage", null, new FaultSpec { Kind = FaultKind.Status }), Cancellation));

        error.Message.ShouldContain($"{server.Url}control/dependencies/payments.primary/faults/outage");
    }
}
