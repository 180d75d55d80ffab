using System.Net;
using System.Net.Http.Json;
using Chaos.Simulators.Identity;

namespace Chaos.Storefront.Tests.Auth;

/// <summary>
/// <c>X-Forwarded-For</c> from a trusted proxy makes the per-client login limit count the real client, over a real
/// Kestrel socket on 127.0.0.1 (so the connection has a real remote address: loopback).
/// </summary>
public sealed class ForwardedClientAddressTests
{
    // These tests count logins against the limit, not how fast the identity provider answers: a login must not time out
    // on a busy machine (the tests run below normal priority) and turn an expected 200 into the 503 of a timeout.
    private static Dictionary<string, string?> Patiently(Dictionary<string, string?> settings)
    {
        settings["Identity:Resilience:AttemptTimeout"] = "00:00:10";
        settings["Identity:Resilience:TotalTimeout"] = "00:00:20";
        return settings;
    }

    [Fact]
    public async Task Login_FromTwoClientsBehindATrustedProxy_EachGetsItsOwnPerClientBudget()
    {
        // Loopback is trusted because it is configured (nothing is by default): the test plays the proxy.
        await using var storefront = StorefrontHarness.Start(
            Patiently(new() { ["Identity:LoginRateLimit:PermitsPerClient"] = "2", ["Storefront:TrustedProxies:0"] = "127.0.0.0/8", ["Storefront:TrustedProxies:1"] = "::1/128" }),
            overSockets: true);

        var first = await LoginsAsync(storefront, "203.0.113.10", 3);
        var second = await LoginsAsync(storefront, "203.0.113.20", 2);

        first.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        second.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK]);
        storefront.Identity.TokenCalls().ShouldBe(4);
    }

    [Fact]
    public async Task Login_WhenNoTrustedProxyIsConfigured_IgnoresAForwardedHeaderFromLoopbackAndTheLimitPerClientHits()
    {
        // A local process that claims to forward 150 clients is one client: nothing is trusted unless configured.
        await using var storefront = StorefrontHarness.Start(Patiently(new() { ["Identity:LoginRateLimit:PermitsPerClient"] = "2" }), overSockets: true);

        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 6; i++)
        {
            answers.AddRange(await LoginsAsync(storefront, $"203.0.113.{i}", 1));
        }

        answers.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 4)]);
        storefront.Identity.TokenCalls().ShouldBe(2);
    }

    [Fact]
    public async Task Login_WithAForwardedHeaderFromAnUntrustedAddress_IgnoresItAndCountsTheConnectionsAddress()
    {
        // Only 10.0.0.0/8 is trusted; the test connects from 127.0.0.1, so its X-Forwarded-For is a client's claim.
        await using var storefront = StorefrontHarness.Start(
            Patiently(new() { ["Identity:LoginRateLimit:PermitsPerClient"] = "2", ["Storefront:TrustedProxies:0"] = "10.0.0.0/8" }),
            overSockets: true);

        var first = await LoginsAsync(storefront, "203.0.113.10", 2);
        var second = await LoginsAsync(storefront, "203.0.113.20", 2);

        first.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK]);
        second.ShouldBe([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
        storefront.Identity.TokenCalls().ShouldBe(2);
    }

    [Fact]
    public void Startup_WhenATrustedProxyIsNotACidrNetwork_FailsWithAMessageNamingTheKey()
    {
        var failure = Should.Throw<Exception>(() => StorefrontHarness.StartAndDispose(new()
        {
            ["Storefront:TrustedProxies:0"] = "10.0.0.0/8",
            ["Storefront:TrustedProxies:1"] = "10.0.0.0/33",
            ["Storefront:TrustedProxies:2"] = "proxy.internal",
        }));

        failure.ToString().ShouldContain(
            "Storefront:TrustedProxies:1 (10.0.0.0/33) is not a CIDR network; write an address and a prefix length, for example 10.0.0.0/8, or 127.0.0.1/32 for one proxy.");
        failure.ToString().ShouldContain("Storefront:TrustedProxies:2 (proxy.internal) is not a CIDR network;");
        failure.ToString().ShouldNotContain("TrustedProxies:0");
    }

    private static int nextCustomer;

    private static async Task<List<HttpStatusCode>> LoginsAsync(StorefrontHarness storefront, string client, int count)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = JsonContent.Create(new { username = $"customer-{Interlocked.Increment(ref nextCustomer)}@example.test", password = IdentityProviderSimulatorOptions.DefaultPassword }),
            };
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await storefront.Client.SendAsync(request, StorefrontHarness.Cancellation);
            answers.Add(response.StatusCode);
        }

        return answers;
    }
}
