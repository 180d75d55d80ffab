using System.Net;
using System.Text;
using Chaos.Simulators.Identity;
using Chaos.Storefront.Tests.Auth;

namespace Chaos.Storefront.Tests;

/// <summary>
/// What every endpoint that takes JSON refuses, and how: a duplicate property, a number sent as a string, a missing body;
/// each a 400 problem that names the field and says how to fix it, without the framework's internals.
/// </summary>
public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("/carts/{cart}/items", "{\"sku\":\"sku-001\",\"quantity\":1,\"quantity\":50}", "quantity")]
    [InlineData("/carts/{cart}/items", "{\"sku\":\"sku-001\",\"SKU\":\"sku-002\",\"quantity\":1}", "SKU")]
    [InlineData("/checkout", "{\"cartId\":\"{cart}\",\"email\":\"a@example.test\",\"Email\":\"b@example.test\"}", "Email")]
    [InlineData("/login", "{\"username\":\"a@example.test\",\"password\":\"x\",\"password\":\"y\"}", "password")]
    [InlineData("/pos/sales", "{\"sku\":\"sku-001\",\"quantity\":1,\"Quantity\":2}", "Quantity")]
    public async Task Post_WithADuplicatePropertyKeyInAnyCase_IsRefusedWith400NamingTheProperty(string path, string body, string property)
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync();
        using var client = storefront.ClientWithToken(storefront.Identity.IssueToken(StorefrontHarness.PosUser, IdentityRoles.Pos));

        using var answer = await PostAsync(client, path.Replace("{cart}", cartId), body.Replace("{cart}", cartId));

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await answer.JsonAsync()).Str("detail").ShouldBe(
            $"{property} appears more than once in the body (property names are compared without regard to case); send each property once.");
        storefront.Primary.Journal.Charges.ShouldBeEmpty();
        storefront.Identity.TokenCalls().ShouldBe(0);
    }

    [Fact]
    public async Task AddItem_WithTheQuantityAsAString_IsRefusedWith400NamingTheField()
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync();

        using var answer = await PostAsync(storefront.Client, $"/carts/{cartId}/items", "{\"sku\":\"sku-002\",\"quantity\":\"2\"}");

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await answer.JsonAsync();
        problem.Str("detail").ShouldBe("quantity must be a JSON number, for example 2.");
        problem.GetProperty("errors").GetProperty("quantity")[0].GetString().ShouldBe("quantity must be a JSON number, for example 2.");
    }

    [Fact]
    public async Task AddItem_WithTheSkuAsANumber_IsRefusedWith400NamingTheField()
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync();

        using var answer = await PostAsync(storefront.Client, $"/carts/{cartId}/items", "{\"sku\":1,\"quantity\":2}");

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.JsonAsync()).Str("detail").ShouldBe("sku must be a JSON string in double quotes.");
    }

    [Theory]
    [InlineData("/checkout", null)]
    [InlineData("/checkout", "")]
    [InlineData("/carts/{cart}/items", null)]
    [InlineData("/carts/{cart}/items", "{\"sku\":")]
    public async Task Post_WithoutAJsonBody_AnswersAPlainProblemWithoutFrameworkNames(string path, string? body)
    {
        await using var storefront = StorefrontHarness.Start();
        var cartId = await storefront.CreateCartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, path.Replace("{cart}", cartId));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var answer = await storefront.Client.SendAsync(request, StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = (await answer.JsonAsync()).Str("detail")!;
        detail.ShouldStartWith("The request body is missing or is not JSON; send a JSON object such as {");
        foreach (var internals in new[] { "Implicit", "parameter", "CheckoutRequest", "AddCartItemRequest", "inferred", "LineNumber", "BytePosition" })
        {
            detail.ShouldNotContain(internals);
        }
    }

    [Fact]
    public async Task Post_WithABodyThatIsNotJson_Answers415ProblemSayingWhichContentType()
    {
        await using var storefront = StorefrontHarness.Start();

        using var content = new StringContent("cartId=c&email=a@example.test", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var answer = await storefront.Client.PostAsync("/checkout", content, StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, await answer.Content.ReadAsStringAsync(StorefrontHarness.Cancellation));
        var body = await answer.Content.ReadAsStringAsync(StorefrontHarness.Cancellation);
        body.ShouldContain("\"detail\":\"The request body must be JSON; send it with Content-Type: application/json.\"");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PostAsync(path, content, StorefrontHarness.Cancellation);
    }
}
