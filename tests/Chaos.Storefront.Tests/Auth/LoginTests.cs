using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Simulators.Identity;

namespace Chaos.Storefront.Tests.Auth;

public sealed class LoginTests
{
    [Fact]
    public async Task Login_AsAdmin_ReturnsATokenThatOpensAdminButNotPos()
    {
        await using var storefront = StorefrontHarness.Start();

        var login = await storefront.LoginAsync(StorefrontHarness.AdminUser);

        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await login.JsonAsync();
        body.Str("role").ShouldBe("admin");
        body.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(30));
        storefront.Identity.Logins.Issued.ShouldBe(1);

        using var admin = storefront.ClientWithToken(body.Str("accessToken"));
        (await admin.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync("/pos/sales", new { sku = "sku-001", quantity = 1 }, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        storefront.Primary.Journal.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Login_AsPos_ReturnsATokenThatOpensPosButNotAdmin()
    {
        await using var storefront = StorefrontHarness.Start();

        using var pos = storefront.ClientWithToken(await storefront.LoginTokenAsync(StorefrontHarness.PosUser));

        (await pos.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pos.PostAsync("/admin/gateways/primary/isolate", null, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var sale = await pos.PostAsJsonAsync("/pos/sales", new { sku = "sku-001", quantity = 1 }, StorefrontHarness.Cancellation);
        sale.StatusCode.ShouldBe(HttpStatusCode.Created);
        Dependency(await storefront.GetStatusAsync(), "payments.primary").Str("circuit").ShouldBe("closed");
    }

    [Fact]
    public async Task Login_AsCustomer_Answers200ButTheTokenOpensNeitherAdminNorPos()
    {
        await using var storefront = StorefrontHarness.Start();

        using var customer = storefront.ClientWithToken(await storefront.LoginTokenAsync("customer-42@example.test"));

        (await customer.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.PostAsJsonAsync("/pos/sales", new { sku = "sku-001", quantity = 1 }, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Login_WithAWrongPassword_Answers401AndTheIdentityProviderSawOneRejectedGrant()
    {
        await using var storefront = StorefrontHarness.Start();

        var login = await storefront.LoginAsync(StorefrontHarness.AdminUser, "guess");

        login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        storefront.Identity.Logins.ShouldBe(new LoginCounts(Issued: 0, Rejected: 1, Faulted: 0));
        Dependency(await storefront.GetStatusAsync(), "identity").GetProperty("healthy").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Login_WithoutAUsername_Answers400WithoutCallingTheIdentityProvider()
    {
        await using var storefront = StorefrontHarness.Start();

        var login = await storefront.Client.PostAsJsonAsync("/login", new { password = "x" }, StorefrontHarness.Cancellation);

        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        storefront.Identity.TokenCalls().ShouldBe(0);
    }

    [Fact]
    public async Task Login_WhenTheTokenEndpointAnswers500_Answers503WithRetryAfterFastAndStatusShowsSignInDegraded()
    {
        var clock = new FrozenClock();
        await using var storefront = StorefrontHarness.Start(NoRetryDelay(), time: clock);
        storefront.Identity.Faults.Apply(AuthFaults.TokenRouteFails(500));

        var login = await clock.AnswerWithoutMovingAsync(storefront.LoginAsync("customer-7@example.test"));

        login.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        login.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.Zero);

        // One retry of a quick failure, no more.
        storefront.Identity.TokenCalls().ShouldBe(2);
        var status = await storefront.GetStatusAsync();
        Dependency(status, "identity").GetProperty("healthy").GetBoolean().ShouldBeFalse();
        status.GetProperty("notices").EnumerateArray().Select(n => n.GetString()).ShouldContain(
            "Sign-in is temporarily unavailable; if you are signed in, stay signed in. Guest checkout works.");
    }

    [Fact]
    public async Task Login_WhenTheTokenEndpointHangsPastTheAttemptTimeout_Answers503WithRetryAfterAtTheAttemptTimeoutNotAfterTheHang()
    {
        var clock = new FrozenClock();
        await using var storefront = StorefrontHarness.Start(time: clock);
        storefront.Identity.Faults.Apply(AuthFaults.TokenRouteHangs(TimeSpan.FromMinutes(5)));

        // At the 1 s attempt timeout on the storefront's clock (a timed-out password grant is not retried), not after
        // the hang.
        var login = await clock.AnswerAtTimeoutAsync(() => storefront.LoginAsync("customer-7@example.test"), TimeSpan.FromSeconds(1));

        login.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        login.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task Login_WhenTheTokenEndpointAnswersGarbage_Answers503WithRetryAfter()
    {
        var clock = new FrozenClock();
        await using var storefront = StorefrontHarness.Start(NoRetryDelay(), time: clock);
        storefront.Identity.ServeMalformed(IdentityProviderSimulator.TokenRoute);

        var login = await clock.AnswerWithoutMovingAsync(storefront.LoginAsync("customer-7@example.test"));

        login.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        login.Headers.RetryAfter.ShouldNotBeNull();
        storefront.Identity.Logins.Faulted.ShouldBe(1);
    }

    [Fact]
    public async Task Login_WhenTheTokenEndpointKeepsFailing_OpensTheIdentityCircuitAndThenAnswers503WithoutCallingIt()
    {
        // The clock never moves, so the break never ends on its own.
        var settings = NoRetryDelay();
        settings["Identity:Resilience:CircuitBreaker:BreakDuration"] = "00:00:30";
        var clock = new FrozenClock();
        await using var storefront = StorefrontHarness.Start(settings, time: clock);
        storefront.Identity.Faults.Apply(AuthFaults.TokenRouteFails(500));

        for (var i = 0; i < 3; i++)
        {
            (await storefront.LoginAsync($"customer-{i + 1}@example.test")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        Dependency(await storefront.GetStatusAsync(), "identity").Str("circuit").ShouldBe("open");
        var callsWhenOpened = storefront.Identity.TokenCalls();
        var login = await clock.AnswerWithoutMovingAsync(storefront.LoginAsync("customer-7@example.test"));
        login.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        storefront.Identity.TokenCalls().ShouldBe(callsWhenOpened);
    }

    [Fact]
    public async Task Status_WhenAllIsWell_ListsIdentityClosedAndHealthyWithoutASignInNotice()
    {
        await using var storefront = StorefrontHarness.Start();
        await storefront.LoginTokenAsync("customer-1@example.test");

        var status = await storefront.GetStatusAsync();

        var identity = Dependency(status, "identity");
        identity.Str("circuit").ShouldBe("closed");
        identity.GetProperty("healthy").GetBoolean().ShouldBeTrue();
        status.GetProperty("notices").GetArrayLength().ShouldBe(0);
        status.GetProperty("signIn").GetProperty("loginsRateLimited").GetInt64().ShouldBe(0);
    }

    private static Dictionary<string, string?> NoRetryDelay() => new() { ["Identity:Resilience:Retry:Delay"] = "00:00:00" };

    private static JsonElement Dependency(JsonElement status, string name) =>
        status.GetProperty("dependencies").EnumerateArray().Single(d => d.Str("name") == name);
}
