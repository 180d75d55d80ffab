using Chaos.Storefront.Payments;

namespace Chaos.Storefront.Tests;

public sealed class StartupValidationTests
{
    [Fact]
    public void Startup_WhenAttemptTimeoutIsAboveTotalTimeout_FailsWithAMessageNamingTheKey()
    {
        var failure = Should.Throw<Exception>(() => StorefrontHarness.StartAndDispose(new()
        {
            ["Payments:Primary:Resilience:AttemptTimeout"] = "00:00:10",
            ["Payments:Primary:Resilience:TotalTimeout"] = "00:00:05",
        }));

        Flatten(failure).ShouldContain(
            "Payments:Primary:Resilience:AttemptTimeout (00:00:10) must be below TotalTimeout (00:00:05); lower AttemptTimeout or raise TotalTimeout.");
    }

    [Fact]
    public void Validate_WithSeveralMistakes_ReportsEveryOneNamingItsKey()
    {
        var options = new PaymentsOptions
        {
            Primary = new PaymentGatewayOptions
            {
                BaseUrl = null,
                Resilience = new GatewayResilienceOptions
                {
                    Retry = new GatewayRetryOptions { MaxRetryAttempts = -1 },
                    CircuitBreaker = new GatewayCircuitBreakerOptions { FailureRatio = 1.5, MinimumThroughput = 1 },
                },
            },
            Secondary = new PaymentGatewayOptions { BaseUrl = new Uri("/relative", UriKind.Relative) },
            PendingLimit = -1,
        };

        var result = new PaymentsOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldNotBeNull();
        result.Failures.Select(f => f.Split(' ')[0]).ShouldBe(
        [
            "Payments:Primary:BaseUrl",
            "Payments:Primary:Resilience:Retry:MaxRetryAttempts",
            "Payments:Primary:Resilience:CircuitBreaker:FailureRatio",
            "Payments:Primary:Resilience:CircuitBreaker:MinimumThroughput",
            "Payments:Secondary:BaseUrl",
            "Payments:PendingLimit",
        ]);
    }

    [Fact]
    public void Validate_TheTunedDefaultsWithAPrimaryUrl_Succeeds()
    {
        var options = new PaymentsOptions { Primary = new PaymentGatewayOptions { BaseUrl = new Uri("http://127.0.0.1:5201/") } };

        new PaymentsOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
