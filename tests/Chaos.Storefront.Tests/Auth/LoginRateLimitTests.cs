using System.Net;
using System.Net.Http.Json;

namespace Chaos.Storefront.Tests.Auth;

public sealed class LoginRateLimitTests
{
    [Fact]
    public async Task Login_WhenOneAccountIsStuffed_Answers429WithRetryAfterBeyondTheLimitAndTheIdentityProviderSeesOnlyTheLimit()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Identity:LoginRateLimit:PermitsPerAccount"] = "3" });

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            // Case and white space do not make another account.
            var username = i % 2 == 0 ? "customer-9@example.test" : " Customer-9@Example.TEST ";
            answers.Add(await storefront.LoginAsync(username, $"guess-{i}"));
        }

        answers.Take(3).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Unauthorized);
        answers.Skip(3).ShouldAllBe(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        foreach (var refused in answers.Skip(3))
        {
            refused.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.Zero);
        }

        storefront.Identity.TokenCalls().ShouldBe(3);
        (await storefront.LoginAsync("customer-10@example.test")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await storefront.GetStatusAsync()).GetProperty("signIn").GetProperty("loginsRateLimited").GetInt64().ShouldBe(17);
    }

    [Fact]
    public async Task Login_WhenOneClientTriesManyAccounts_Answers429BeyondThePerClientLimit()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Identity:LoginRateLimit:PermitsPerClient"] = "5" });

        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 12; i++)
        {
            answers.Add((await storefront.LoginAsync($"customer-{i}@example.test", "guess")).StatusCode);
        }

        answers.Take(5).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        answers.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        storefront.Identity.TokenCalls().ShouldBe(5);
    }

    [Fact]
    public async Task Login_WhenTheLimitIsReached_DoesNotLimitCheckoutOrTheCatalog()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Identity:LoginRateLimit:PermitsPerClient"] = "1" });
        (await storefront.LoginAsync("customer-1@example.test")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await storefront.LoginAsync("customer-2@example.test")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        (await storefront.Client.GetAsync("/products", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await storefront.CheckoutAsync()).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Login_WithAMalformedBody_IsStillRateLimited()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Identity:LoginRateLimit:PermitsPerAccount"] = "2" });

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var content = new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json");
            answers.Add((await storefront.Client.PostAsync("/login", content, StorefrontHarness.Cancellation)).StatusCode);
        }

        answers.ShouldBe([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
        storefront.Identity.TokenCalls().ShouldBe(0);
    }
}
