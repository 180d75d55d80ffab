using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Chaos.Storefront.Tests;

public sealed class CatalogAndCartTests
{
    [Fact]
    public async Task Products_ListsTheSeededCatalogAndFindsOneBySku()
    {
        await using var storefront = StorefrontHarness.Start();

        var products = await storefront.Client.GetFromJsonAsync<JsonElement[]>("/products", StorefrontHarness.Cancellation);

        products!.Length.ShouldBe(20);
        products[0].Str("sku").ShouldBe("sku-001");
        products[0].GetProperty("price").GetInt64().ShouldBeGreaterThan(0);
        (await storefront.Client.GetAsync("/products/sku-020", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await storefront.Client.GetAsync("/products/sku-999", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Products_WhenBothGatewaysAreDown_StillAnswer()
    {
        await using var storefront = StorefrontHarness.Start();
        storefront.Primary.Faults.Apply(StorefrontHarness.Outage("down", route: null!));
        storefront.Secondary.Faults.Apply(StorefrontHarness.Outage("down", route: null!));

        (await storefront.Client.GetAsync("/products", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await storefront.Client.PostAsync("/carts", null, StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AddItem_AddsToTheLineAndTotalsTheCart()
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync("sku-001", quantity: 2);

        var response = await storefront.Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = "sku-001", quantity = 3 }, StorefrontHarness.Cancellation);
        await storefront.Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = "sku-002", quantity = 1 }, StorefrontHarness.Cancellation);
        var cart = await storefront.Client.GetFromJsonAsync<JsonElement>($"/carts/{cartId}", StorefrontHarness.Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        cart.Str("cartId").ShouldBe(cartId);
        var items = cart.GetProperty("items").EnumerateArray().ToArray();
        items.Select(i => (i.Str("sku"), i.GetProperty("quantity").GetInt32(), i.GetProperty("price").GetInt64()))
            .ShouldBe([("sku-001", 5, 499L), ("sku-002", 1, 749L)]);
        cart.GetProperty("total").GetInt64().ShouldBe((5 * 499) + 749);
    }

    [Theory]
    [InlineData("""{"sku":"sku-404","quantity":1}""")]
    [InlineData("""{"sku":"sku-001","quantity":0}""")]
    [InlineData("""{"sku":"sku-001","quantity":101}""")]
    [InlineData("""{"sku":"sku-001"}""")]
    [InlineData("""{"quantity":1}""")]
    [InlineData("""{"sku":"sku-001","quantity":"many"}""")]
    [InlineData("""{"sku":""")]
    [InlineData("")]
    public async Task AddItem_WithBadInput_Answers400ProblemDetails(string json)
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync();

        var response = await storefront.Client.PostAsync($"/carts/{cartId}/items", new StringContent(json, Encoding.UTF8, "application/json"), StorefrontHarness.Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var cart = await storefront.Client.GetFromJsonAsync<JsonElement>($"/carts/{cartId}", StorefrontHarness.Cancellation);
        cart.GetProperty("items").EnumerateArray().Single().GetProperty("quantity").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task AddItem_BeyondOneHundredOfASku_Answers400()
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync("sku-001", quantity: 60);

        var response = await storefront.Client.PostAsJsonAsync($"/carts/{cartId}/items", new { sku = "sku-001", quantity = 41 }, StorefrontHarness.Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Carts_ThatDoNotExist_Answer404()
    {
        await using var storefront = StorefrontHarness.Start();

        (await storefront.Client.GetAsync("/carts/cart_missing", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await storefront.Client.PostAsJsonAsync("/carts/cart_missing/items", new { sku = "sku-001", quantity = 1 }, StorefrontHarness.Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await storefront.Client.GetAsync("/orders/ord_missing", StorefrontHarness.Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
