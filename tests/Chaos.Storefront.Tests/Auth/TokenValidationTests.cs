using System.Net;
using System.Net.Http.Json;
using Chaos.Simulators.Identity;

namespace Chaos.Storefront.Tests.Auth;

public sealed class TokenValidationTests
{
    public static TheoryData<ForeignTokenKind> ForeignKinds => [.. Enum.GetValues<ForeignTokenKind>()];

    [Fact]
    public async Task AdminAndPos_WithoutAToken_Answer401()
    {
        await using var storefront = StorefrontHarness.Start();

        (await storefront.Client.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await storefront.Client.PostAsJsonAsync("/pos/sales", new { sku = "sku-001", quantity = 1 }, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        storefront.Primary.Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Admin_WithAnExpiredAdminToken_Answers401()
    {
        await using var storefront = StorefrontHarness.Start();
        using var admin = storefront.ClientWithToken(storefront.Identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, TimeSpan.FromMinutes(-10)));

        (await admin.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_WithAMintedAdminToken_Answers200WithoutALogin()
    {
        await using var storefront = StorefrontHarness.Start();
        using var admin = storefront.ClientWithToken(storefront.Identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin));

        (await admin.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        storefront.Identity.TokenCalls().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(ForeignKinds))]
    public async Task AdminAndPos_WithAForeignToken_Answer401(ForeignTokenKind kind)
    {
        await using var storefront = StorefrontHarness.Start();
        using var admin = storefront.ClientWithToken(storefront.Identity.CreateForeignToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, kind));
        using var pos = storefront.ClientWithToken(storefront.Identity.CreateForeignToken(StorefrontHarness.PosUser, IdentityRoles.Pos, kind));

        (await admin.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.PostAsync("/admin/gateways/primary/isolate", null, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await pos.PostAsJsonAsync("/pos/sales", new { sku = "sku-001", quantity = 1 }, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        storefront.Primary.Journal.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Admin_AfterTheIdentityProviderRotatesItsKeys_RefusesTheRetiredKeyAndAcceptsTheNewOne()
    {
        await using var storefront = StorefrontHarness.Start();
        var retired = storefront.Identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin);
        using (var before = storefront.ClientWithToken(retired))
        {
            (await before.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        storefront.Identity.RotateKeys();
        using var current = storefront.ClientWithToken(storefront.Identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin));

        // The unknown key id makes the storefront fetch the keys again; until they arrive the token is refused.
        var answers = await PollAsync(current, until: HttpStatusCode.OK);
        answers.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Unauthorized);
        answers[^1].ShouldBe(HttpStatusCode.OK);

        using var old = storefront.ClientWithToken(retired);
        (await old.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_WhenTheKeySetIsGarbageAfterARotation_NeverAnswers2xxToTheUnverifiableTokenButKeepsExistingSessions()
    {
        await using var storefront = StorefrontHarness.Start();
        var existing = storefront.Identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin);
        using var session = storefront.ClientWithToken(existing);
        (await session.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        storefront.Identity.RotateKeys();
        storefront.Identity.ServeMalformed(IdentityProviderSimulator.JwksRoute);
        using var unverifiable = storefront.ClientWithToken(storefront.Identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin));
        using var unsigned = storefront.ClientWithToken(storefront.Identity.CreateForeignToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, ForeignTokenKind.Unsigned));

        // Long enough for several refreshes of the keys (every second), each getting garbage.
        var answers = await PollAsync(unverifiable, until: HttpStatusCode.OK, duration: TimeSpan.FromSeconds(2.5));
        answers.ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        (await unsigned.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        storefront.Identity.Journal.Calls.Count(c => c.Route == IdentityProviderSimulator.JwksRoute).ShouldBeGreaterThan(1);

        (await session.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_WhenTheKeySetWasGarbageFromStartUp_Answers401EvenToAGenuineAdminToken()
    {
        await using var storefront = StorefrontHarness.Start(beforeStart: h => h.Identity.ServeMalformed(IdentityProviderSimulator.JwksRoute));
        using var admin = storefront.ClientWithToken(storefront.Identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin));
        using var unsigned = storefront.ClientWithToken(storefront.Identity.CreateForeignToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, ForeignTokenKind.Unsigned));

        (await admin.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unsigned.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.PostAsync("/admin/gateways/primary/isolate", null, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<List<HttpStatusCode>> PollAsync(HttpClient client, HttpStatusCode until, TimeSpan? duration = null)
    {
        var answers = new List<HttpStatusCode>();
        var deadline = DateTime.UtcNow + (duration ?? TimeSpan.FromSeconds(5));
        while (DateTime.UtcNow < deadline)
        {
            var status = (await client.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode;
            answers.Add(status);
            if (status == until)
            {
                break;
            }

            await Task.Delay(100, StorefrontHarness.Cancellation);
        }

        return answers;
    }
}
