using System.Net;

namespace Chaos.Storefront.Tests;

/// <summary>
/// A request over the storefront's URL or header limits is refused with problem details that say which limit, over a real
/// Kestrel socket on 127.0.0.1 (the in-memory test server has no such limits).
/// </summary>
public sealed class RequestLimitTests
{
    [Fact]
    public async Task Get_WithAUrlLongerThan8KiB_Answers414ProblemDetailsNamingTheLimit()
    {
        await using var storefront = StorefrontHarness.Start(overSockets: true);

        using var answer = await storefront.Client.GetAsync("/products/" + new string('s', 9000), StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await answer.JsonAsync()).Str("detail").ShouldBe("The request URL (path and query) is longer than 8192 bytes; send long values in a JSON body instead.");
    }

    [Fact]
    public async Task Get_WithHeadersLargerThan32KiB_Answers431ProblemDetailsNamingTheLimit()
    {
        await using var storefront = StorefrontHarness.Start(overSockets: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/products");
        request.Headers.Add("X-Big", new string('h', 40 * 1024));

        using var answer = await storefront.Client.SendAsync(request, StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.RequestHeaderFieldsTooLarge);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await answer.JsonAsync()).Str("detail").ShouldBe("The request's headers are larger than 32768 bytes in all or more than 100 in number; send fewer or smaller headers (cookies included).");
    }

    [Fact]
    public async Task Get_WithMoreThan100Headers_Answers431ProblemDetails()
    {
        await using var storefront = StorefrontHarness.Start(overSockets: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/products");
        for (var i = 0; i < 120; i++)
        {
            request.Headers.Add($"X-H{i}", "v");
        }

        using var answer = await storefront.Client.SendAsync(request, StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.RequestHeaderFieldsTooLarge);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Get_WithAUrlJustUnderTheLimit_IsServed()
    {
        await using var storefront = StorefrontHarness.Start(overSockets: true);

        using var answer = await storefront.Client.GetAsync("/products/" + new string('s', 8000), StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_WithAUrlBeyondKestrelsOwnLimit_IsStillRefusedWith414()
    {
        // Past twice the limit Kestrel refuses the request before any middleware runs: its 414 has no body. Pinned so
        // that a change of Kestrel's limit is a decision, not an accident.
        await using var storefront = StorefrontHarness.Start(overSockets: true);

        using var answer = await storefront.Client.GetAsync("/products/" + new string('s', 20_000), StorefrontHarness.Cancellation);

        answer.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
    }
}
