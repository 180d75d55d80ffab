using Chaos.Storefront.Payments;
using Chaos.Storefront.Resilience;

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
                Resilience = new DependencyResilienceOptions
                {
                    Retry = new DependencyRetryOptions { MaxRetryAttempts = -1 },
                    CircuitBreaker = new DependencyCircuitBreakerOptions { FailureRatio = 1.5, MinimumThroughput = 1 },
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
        result.Failures.ShouldContain("Payments:Primary:BaseUrl is missing; set it to the gateway's absolute URL, for example http://127.0.0.1:5201/.");
        result.Failures.ShouldContain("Payments:Secondary:BaseUrl (/relative) must be an absolute http or https URL, for example http://127.0.0.1:5201/.");
    }

    [Fact]
    public void Validate_TheTunedDefaultsWithAPrimaryUrl_Succeeds()
    {
        var options = new PaymentsOptions { Primary = new PaymentGatewayOptions { BaseUrl = new Uri("http://127.0.0.1:5201/") } };

        new PaymentsOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_EveryResilienceMistake_NamesTheKeyAndTheTunedDefault()
    {
        var options = new PaymentsOptions
        {
            Primary = new PaymentGatewayOptions
            {
                BaseUrl = new Uri("http://127.0.0.1:5201/"),
                Resilience = new DependencyResilienceOptions
                {
                    AttemptTimeout = TimeSpan.FromMilliseconds(1),
                    TotalTimeout = TimeSpan.FromDays(2),
                    Retry = new DependencyRetryOptions { MaxRetryAttempts = 101, Delay = TimeSpan.FromMilliseconds(-1) },
                    CircuitBreaker = new DependencyCircuitBreakerOptions { FailureRatio = 0, MinimumThroughput = 1, SamplingDuration = TimeSpan.Zero, BreakDuration = TimeSpan.FromDays(2) },
                },
            },
            Secondary = new PaymentGatewayOptions
            {
                BaseUrl = new Uri("http://127.0.0.1:5202/"),
                Resilience = new DependencyResilienceOptions
                {
                    AttemptTimeout = TimeSpan.FromSeconds(3),
                    TotalTimeout = TimeSpan.FromSeconds(2),
                    Retry = new DependencyRetryOptions { Delay = TimeSpan.FromDays(2) },
                },
            },
        };

        var result = new PaymentsOptionsValidator().Validate(null, options);

        result.Failures.ShouldBe(
        [
            "Payments:Primary:Resilience:AttemptTimeout (00:00:00.0010000) must be between 00:00:00.010 and 1.00:00:00; use a value such as 00:00:01.",
            "Payments:Primary:Resilience:TotalTimeout (2.00:00:00) must be between 00:00:00.010 and 1.00:00:00; use a value such as 00:00:01.",
            "Payments:Primary:Resilience:Retry:MaxRetryAttempts (101) must be between 0 and 100; use 0 to disable retries or 2 for the tuned default.",
            "Payments:Primary:Resilience:Retry:Delay (-00:00:00.0010000) must be between 00:00:00 and 1.00:00:00; use 00:00:00.100 for the tuned default.",
            "Payments:Primary:Resilience:CircuitBreaker:FailureRatio (0) must be above 0 and at most 1; use 0.5 to open when half the calls fail.",
            "Payments:Primary:Resilience:CircuitBreaker:MinimumThroughput (1) must be at least 2; use 5 for the tuned default.",
            "Payments:Primary:Resilience:CircuitBreaker:SamplingDuration (00:00:00) must be between 00:00:00.500 and 1.00:00:00; use 00:00:05 for the tuned default.",
            "Payments:Primary:Resilience:CircuitBreaker:BreakDuration (2.00:00:00) must be between 00:00:00.500 and 1.00:00:00; use 00:00:03 for the tuned default.",
            "Payments:Secondary:Resilience:AttemptTimeout (00:00:03) must be below TotalTimeout (00:00:02); lower AttemptTimeout or raise TotalTimeout.",
            "Payments:Secondary:Resilience:Retry:Delay (2.00:00:00) must be between 00:00:00 and 1.00:00:00; use 00:00:00.100 for the tuned default.",
        ]);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
