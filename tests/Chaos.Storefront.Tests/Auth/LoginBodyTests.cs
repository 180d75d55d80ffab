using System.Net;
using System.Text;
using Chaos.Simulators.Identity;

namespace Chaos.Storefront.Tests.Auth;

/// <summary>
/// The login body is read once, and what the rate limit counts is what the endpoint signs in: a body that names two
/// accounts (a duplicate <c>username</c>, in any case) is refused before either reaches the identity provider.
/// </summary>
public sealed class LoginBodyTests
{
    private const string Target = "admin-8@example.test";

    [Fact]
    public async Task Login_WithADuplicateUsernameKey_IsRefusedWith400AndNoPasswordIsChecked()
    {
        await using var storefront = StorefrontHarness.Start();

        var answers = new List<HttpResponseMessage>();
        for (var i = 1; i <= 30; i++)
        {
            answers.Add(await PostLoginAsync(storefront, $"{{\"username\":\"decoy-{i}@x.test\",\"username\":\"{Target}\",\"password\":\"wrong-{i}\"}}"));
        }

        // Refused as a bad request; a body that names no account is limited like any other, so 429 may follow.
        answers[0].StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answers.ShouldAllBe(r => r.StatusCode == HttpStatusCode.BadRequest || r.StatusCode == HttpStatusCode.TooManyRequests);
        var problem = await answers[0].JsonAsync();
        problem.Str("detail").ShouldBe("username appears more than once in the body (property names are compared without regard to case); send each property once.");
        answers[0].Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        storefront.Identity.TokenCalls().ShouldBe(0);
        storefront.Identity.Logins.Total.ShouldBe(0);
    }

    [Fact]
    public async Task Login_WithTheDuplicateKeyInAnotherCase_IsRefusedWith400()
    {
        await using var storefront = StorefrontHarness.Start();

        var answer = await PostLoginAsync(storefront, $"{{\"username\":\"decoy@x.test\",\"UserName\":\"{Target}\",\"password\":\"{IdentityProviderSimulatorOptions.DefaultPassword}\"}}");

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.JsonAsync()).Str("detail")!.ShouldStartWith("UserName appears more than once in the body");
        storefront.Identity.TokenCalls().ShouldBe(0);
    }

    [Fact]
    public async Task Login_ForAnAccountLockedOutByTheLimit_StaysLockedOutWhenADecoyKeyComesFirst()
    {
        await using var storefront = StorefrontHarness.Start(new() { ["Identity:LoginRateLimit:PermitsPerAccount"] = "3" });
        for (var i = 0; i < 3; i++)
        {
            (await storefront.LoginAsync(Target, $"guess-{i}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await storefront.LoginAsync(Target)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var decoy = await PostLoginAsync(storefront, $"{{\"username\":\"decoy@x.test\",\"username\":\"{Target}\",\"password\":\"{IdentityProviderSimulatorOptions.DefaultPassword}\"}}");

        decoy.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await storefront.LoginAsync(Target)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        storefront.Identity.TokenCalls().ShouldBe(3);
    }

    [Fact]
    public async Task Login_WithAWellFormedBody_StillSignsIn()
    {
        await using var storefront = StorefrontHarness.Start();

        var answer = await PostLoginAsync(storefront, $"{{\"UserName\":\"{Target}\",\"password\":\"{IdentityProviderSimulatorOptions.DefaultPassword}\"}}");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answer.JsonAsync()).Str("role").ShouldBe("admin");
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(StorefrontHarness storefront, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await storefront.Client.PostAsync("/login", content, StorefrontHarness.Cancellation);
    }
}
