using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chaos.Storefront.Tests;

/// <summary>An error that names what the client sent echoes at most its first 64 characters, so a huge value gives a small answer.</summary>
public sealed class EchoedInputTests
{
    private static readonly string Huge = new('x', 1024 * 1024);
    private static readonly string LongInPath = new('y', 4000);

    [Fact]
    public async Task AddItem_WithAOneMegabyteSku_AnswersASmall400EchoingItsFirst64Characters()
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync();

        using var answer = await storefront.Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = Huge, quantity = 1 }, StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await answer.Content.ReadAsStringAsync(StorefrontHarness.Cancellation);
        body.Length.ShouldBeLessThan(1024);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("sku")[0].GetString()
            .ShouldBe($"No product has SKU '{new string('x', 64)}…'; GET /products lists them.");
    }

    [Fact]
    public async Task PosSale_WithAOneMegabyteSku_AnswersASmall400()
    {
        await using var storefront = StorefrontHarness.Start();
        using var pos = storefront.ClientWithToken(storefront.Identity.IssueToken(StorefrontHarness.PosUser, Chaos.Simulators.Identity.IdentityRoles.Pos));

        using var answer = await pos.PostAsJsonAsync("/pos/sales", new { sku = Huge, quantity = 1 }, StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync(StorefrontHarness.Cancellation)).Length.ShouldBeLessThan(1024);
    }

    [Fact]
    public async Task Checkout_WithAOneMegabyteCartId_AnswersASmall404()
    {
        await using var storefront = StorefrontHarness.Start();

        using var answer = await storefront.Client.PostAsJsonAsync("/checkout", new { cartId = Huge, email = "buyer@example.com" }, StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var body = await answer.Content.ReadAsStringAsync(StorefrontHarness.Cancellation);
        body.Length.ShouldBeLessThan(1024);
        JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()
            .ShouldBe($"No cart has id '{new string('x', 64)}…'; create one with POST /carts.");
    }

    [Theory]
    [InlineData("/products/{id}")]
    [InlineData("/carts/{id}")]
    [InlineData("/orders/{id}")]
    public async Task Get_WithALongIdInThePath_AnswersASmall404(string path)
    {
        await using var storefront = StorefrontHarness.Start();

        using var answer = await storefront.Client.GetAsync(path.Replace("{id}", LongInPath), StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var detail = (await answer.JsonAsync()).Str("detail")!;
        detail.ShouldContain($"'{new string('y', 64)}…'");
        detail.Length.ShouldBeLessThan(200);
    }

    [Fact]
    public async Task AdminGateway_WithALongName_AnswersASmall404()
    {
        await using var storefront = StorefrontHarness.Start();
        using var admin = await storefront.AdminClientAsync();

        using var answer = await admin.PostAsync($"/admin/gateways/{LongInPath}/isolate", null, StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await answer.JsonAsync()).Str("detail")!.Length.ShouldBeLessThan(200);
    }
}
