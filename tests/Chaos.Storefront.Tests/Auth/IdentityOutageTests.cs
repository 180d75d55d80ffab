using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chaos.Simulators.Identity;

namespace Chaos.Storefront.Tests.Auth;

public sealed class IdentityOutageTests
{
    [Fact]
    public async Task IdentityProviderDown_ExistingAdminSessionKeepsWorkingGuestCheckoutWorksAndNewLoginsAnswer503()
    {
        await using var storefront = StorefrontHarness.Start();
        using var admin = await storefront.AdminClientAsync();
        (await admin.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        storefront.Identity.Faults.Apply(AuthFaults.Down());
        var callsBefore = storefront.Identity.Journal.Calls.Count;

        var checkout = await storefront.CheckoutAsync();
        checkout.StatusCode.ShouldBe(HttpStatusCode.Created);
        var orderId = (await checkout.JsonAsync()).Str("orderId");
        var orders = await admin.GetFromJsonAsync<JsonElement[]>("/admin/orders", StorefrontHarness.Cancellation);
        orders!.Select(o => o.Str("orderId")).ShouldContain(orderId);

        var login = await storefront.LoginAsync("customer-3@example.test");
        login.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        login.Headers.RetryAfter.ShouldNotBeNull();

        // Guest checkout and the admin session never touched the identity provider; only the login did.
        storefront.Identity.Journal.Calls.Skip(callsBefore).ShouldAllBe(c => c.Route == IdentityProviderSimulator.TokenRoute && c.Faulted);
    }

    [Fact]
    public async Task Checkout_WithACustomerTokenOrAGarbledOneDuringAnIdentityOutage_StillSucceedsAsAGuestCheckout()
    {
        await using var storefront = StorefrontHarness.Start();
        storefront.Identity.Faults.Apply(AuthFaults.Down());
        using var customer = storefront.ClientWithToken(storefront.Identity.IssueToken("customer-5@example.test", IdentityRoles.Customer));
        using var garbled = storefront.ClientWithToken("not-a-jwt");

        foreach (var client in new[] { customer, garbled })
        {
            var cartId = await storefront.CreateCartAsync();
            var checkout = await client.PostAsJsonAsync("/checkout", new { cartId, email = "buyer@example.com" }, StorefrontHarness.Cancellation);
            checkout.StatusCode.ShouldBe(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task FailClosedSweep_DuringAnIdentityOutage_NoneOfAThousandBadAdminAndPosRequestsGets2xxWhileGuestCheckoutSucceeds()
    {
        await using var storefront = StorefrontHarness.Start();
        var identity = storefront.Identity;
        using (var warm = storefront.ClientWithToken(identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin)))
        {
            // Keys are cached before the outage, as they would be on a peak day.
            (await warm.GetAsync("/admin/orders", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        identity.Faults.Apply(AuthFaults.Down(500));
        identity.ServeMalformed(IdentityProviderSimulator.JwksRoute);
        identity.ServeMalformed(IdentityProviderSimulator.DiscoveryRoute);

        string?[] adminTokens =
        [
            null,
            identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, TimeSpan.FromMinutes(-10)),
            identity.CreateForeignToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, ForeignTokenKind.Unsigned),
            identity.CreateForeignToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, ForeignTokenKind.WrongIssuer),
            identity.CreateForeignToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, ForeignTokenKind.WrongAudience),
            identity.CreateForeignToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, ForeignTokenKind.ForeignKey),
            identity.CreateForeignToken(StorefrontHarness.AdminUser, IdentityRoles.Admin, ForeignTokenKind.SymmetricWithPublicKey),
            identity.IssueToken(StorefrontHarness.PosUser, IdentityRoles.Pos),
            identity.IssueToken("customer-1@example.test", IdentityRoles.Customer),
            "not-a-jwt",
        ];
        string?[] posTokens =
        [
            null,
            identity.IssueToken(StorefrontHarness.PosUser, IdentityRoles.Pos, TimeSpan.FromMinutes(-10)),
            identity.CreateForeignToken(StorefrontHarness.PosUser, IdentityRoles.Pos, ForeignTokenKind.Unsigned),
            identity.CreateForeignToken(StorefrontHarness.PosUser, IdentityRoles.Pos, ForeignTokenKind.WrongIssuer),
            identity.CreateForeignToken(StorefrontHarness.PosUser, IdentityRoles.Pos, ForeignTokenKind.ForeignKey),
            identity.IssueToken(StorefrontHarness.AdminUser, IdentityRoles.Admin),
            identity.IssueToken("customer-2@example.test", IdentityRoles.Customer),
        ];
        var clients = adminTokens.Concat(posTokens).Distinct().ToDictionary(t => t ?? "", storefront.ClientWithToken);

        const int Requests = 1200;
        var answers = new HttpStatusCode[Requests];
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = StorefrontHarness.Cancellation }, async (i, cancellationToken) =>
        {
            using var request = (i % 3) switch
            {
                0 => new HttpRequestMessage(HttpMethod.Get, "/admin/orders"),
                1 => new HttpRequestMessage(HttpMethod.Post, "/admin/gateways/primary/isolate"),
                _ => new HttpRequestMessage(HttpMethod.Post, "/pos/sales") { Content = JsonContent.Create(new { sku = "sku-001", quantity = 1 }) },
            };
            var token = i % 3 == 2 ? posTokens[i / 3 % posTokens.Length] : adminTokens[i / 3 % adminTokens.Length];
            using var response = await clients[token ?? ""].SendAsync(request, cancellationToken);
            answers[i] = response.StatusCode;
        });

        var guest = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            guest.Add((await storefront.CheckoutAsync()).StatusCode);
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        answers.Count(a => (int)a is >= 200 and < 300).ShouldBe(0);
        answers.ShouldAllBe(a => a == HttpStatusCode.Unauthorized || a == HttpStatusCode.Forbidden);
        answers.Count(a => a == HttpStatusCode.Forbidden).ShouldBeGreaterThan(0);
        guest.ShouldAllBe(s => s == HttpStatusCode.Created);

        // No sale was recorded, no circuit was isolated: the only charges are the guests'.
        storefront.Primary.Journal.Charges.Count.ShouldBe(5);
        var status = await storefront.GetStatusAsync();
        status.GetProperty("dependencies").EnumerateArray().Single(d => d.Str("name") == "payments.primary").Str("circuit").ShouldBe("closed");
    }
}
