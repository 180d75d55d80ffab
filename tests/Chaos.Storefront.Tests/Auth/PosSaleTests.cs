using System.Net;
using System.Net.Http.Json;
using Chaos.Simulators.Identity;

namespace Chaos.Storefront.Tests.Auth;

public sealed class PosSaleTests
{
    [Fact]
    public async Task PosSale_WithAPosToken_IsRecordedAsAnOrderPaidOnceThroughTheGateway()
    {
        await using var storefront = StorefrontHarness.Start();
        using var pos = storefront.ClientWithToken(await storefront.LoginTokenAsync(StorefrontHarness.PosUser));

        var sale = await pos.PostAsJsonAsync("/pos/sales", new { sku = "sku-002", quantity = 3 }, StorefrontHarness.Cancellation);

        sale.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await sale.JsonAsync();
        body.Str("status").ShouldBe("paid");
        body.Str("gateway").ShouldBe("primary");
        var orderId = body.Str("orderId")!;
        storefront.ChargesFor(storefront.Primary, orderId).ShouldBe(1);
        (await storefront.GetOrderAsync(orderId)).Str("status").ShouldBe("paid");
    }

    [Fact]
    public async Task PosSale_WithAnUnknownSku_Answers400WithoutCharging()
    {
        await using var storefront = StorefrontHarness.Start();
        using var pos = storefront.ClientWithToken(storefront.Identity.IssueToken(StorefrontHarness.PosUser, IdentityRoles.Pos));

        var sale = await pos.PostAsJsonAsync("/pos/sales", new { sku = "sku-nope", quantity = 1 }, StorefrontHarness.Cancellation);

        sale.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        storefront.Primary.Journal.Calls.ShouldBeEmpty();
    }
}
