using System.Net;
using System.Text;
using Chaos.Storefront.Tax;

namespace Chaos.Storefront.Tests.Tax;

/// <summary>The check of each attempt's quote, without sockets: what a bad deploy could answer with a 200.</summary>
public sealed class QuoteValidationHandlerTests
{
    [Theory]
    [InlineData("<html>502 Bad Gateway</html>", "the quote is not JSON")]
    [InlineData("{\"quoteId\":\"qt_1\",\"subtot", "the quote is not JSON")]
    [InlineData("null", "the quote is null")]
    [InlineData("{\"subtotal\":1000,\"tax\":83,\"total\":1083}", "the quote has no quoteId")]
    [InlineData("{\"quoteId\":\"qt_1\",\"tax\":83,\"total\":1083}", "the quote has no subtotal")]
    [InlineData("{\"quoteId\":\"qt_1\",\"subtotal\":1000,\"total\":1083}", "the quote has no tax")]
    [InlineData("{\"quoteId\":\"qt_1\",\"subtotal\":1000,\"tax\":83}", "the quote has no total")]
    [InlineData("{\"quoteId\":\"qt_1\",\"subtotal\":1000,\"tax\":-83,\"total\":917}", "the quote's tax -83 is negative")]
    [InlineData("{\"quoteId\":\"qt_1\",\"subtotal\":1000,\"tax\":83,\"total\":1000}", "the quote's total 1000 is not subtotal 1000 + tax 83")]
    [InlineData("{\"quoteId\":\"qt_1\",\"subtotal\":999,\"tax\":82,\"total\":1081}", "the quote is for a subtotal of 999, not 1000")]
    [InlineData("{\"quoteId\":\"qt_1\",\"subtotal\":1000,\"tax\":8.3,\"total\":1083}", "the quote is not JSON")]
    public async Task Send_ABrokenQuoteWithA200_BecomesA502SayingWhatWasWrong(string body, string problem)
    {
        var (response, request) = await SendAsync(HttpStatusCode.OK, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        response.ReasonPhrase.ShouldNotBeNull().ShouldStartWith("Invalid quote: " + problem);
        request.Options.TryGetValue(QuoteValidationHandler.Quote, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Send_AConsistentQuote_PassesItOnInTheRequestOptions()
    {
        var (response, request) = await SendAsync(HttpStatusCode.OK, "{\"quoteId\":\"qt_1\",\"subtotal\":1000,\"tax\":83,\"total\":1083}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        request.Options.TryGetValue(QuoteValidationHandler.Quote, out var quote).ShouldBeTrue();
        quote.ShouldBe(new TaxQuote("qt_1", 1000, 83, 1083));
    }

    [Fact]
    public async Task Send_AnErrorStatus_IsLeftAsItIs()
    {
        var (response, _) = await SendAsync(HttpStatusCode.InternalServerError, "{\"error\":{}}");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    private static async Task<(HttpResponseMessage Response, HttpRequestMessage Request)> SendAsync(HttpStatusCode status, string body)
    {
        using var invoker = new HttpMessageInvoker(new QuoteValidationHandler { InnerHandler = new Answer(status, body) });
        var request = new HttpRequestMessage(HttpMethod.Post, "http://tax.test/v1/quotes");
        request.Options.Set(QuoteValidationHandler.ExpectedSubtotal, 1000L);
        var response = await invoker.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, request);
    }

    private sealed class Answer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
