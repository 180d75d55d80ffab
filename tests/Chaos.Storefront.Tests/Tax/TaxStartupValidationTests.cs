using Chaos.Storefront.Tax;
using Chaos.Storefront.Resilience;

namespace Chaos.Storefront.Tests.Tax;

public sealed class TaxStartupValidationTests
{
    [Fact]
    public void Startup_WhenTaxAttemptTimeoutIsAboveTotalTimeout_FailsWithAMessageNamingTheKeyAndAValidExample()
    {
        var failure = Should.Throw<Exception>(() => StorefrontHarness.StartAndDispose(new()
        {
            ["Tax:Resilience:AttemptTimeout"] = "00:00:03",
            ["Tax:Resilience:TotalTimeout"] = "00:00:02",
        }));

        Flatten(failure).ShouldContain(
            "Tax:Resilience:AttemptTimeout (00:00:03) must be below TotalTimeout (00:00:02); lower AttemptTimeout or raise TotalTimeout, for example 00:00:01 and 00:00:02.");
    }

    [Fact]
    public void Startup_WhenTaxBaseUrlIsRelative_FailsWithAMessageNamingTheKey()
    {
        var failure = Should.Throw<Exception>(() => StorefrontHarness.StartAndDispose(new() { ["Tax:BaseUrl"] = "tax/" }));

        Flatten(failure).ShouldContain("Tax:BaseUrl (tax/) must be an absolute http or https URL, for example http://127.0.0.1:5203/.");
    }

    [Fact]
    public void Validate_WithSeveralMistakes_ReportsEveryOneNamingItsKey()
    {
        var options = new TaxOptions
        {
            BaseUrl = null,
            RetryAfter = TimeSpan.Zero,
            Resilience = new DependencyResilienceOptions
            {
                AttemptTimeout = TimeSpan.FromMilliseconds(1),
                Retry = new DependencyRetryOptions { MaxRetryAttempts = -1, Delay = TimeSpan.FromSeconds(-1) },
                CircuitBreaker = new DependencyCircuitBreakerOptions { FailureRatio = 0, MinimumThroughput = 1, SamplingDuration = TimeSpan.Zero, BreakDuration = TimeSpan.FromDays(2) },
            },
        };

        var result = new TaxOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldNotBeNull();
        result.Failures.Select(f => f.Split(' ')[0]).ShouldBe(
        [
            "Tax:BaseUrl",
            "Tax:RetryAfter",
            "Tax:Resilience:AttemptTimeout",
            "Tax:Resilience:Retry:MaxRetryAttempts",
            "Tax:Resilience:Retry:Delay",
            "Tax:Resilience:CircuitBreaker:FailureRatio",
            "Tax:Resilience:CircuitBreaker:MinimumThroughput",
            "Tax:Resilience:CircuitBreaker:SamplingDuration",
            "Tax:Resilience:CircuitBreaker:BreakDuration",
        ]);
        result.Failures.ShouldContain("Tax:BaseUrl is missing; set it to the tax service's absolute URL, for example http://127.0.0.1:5203/.");
        result.Failures.ShouldContain("Tax:Resilience:CircuitBreaker:MinimumThroughput (1) must be at least 2; use 4 for the tuned default.");
    }

    [Fact]
    public void Validate_TheTunedDefaultsWithABaseUrl_Succeeds()
    {
        var options = new TaxOptions { BaseUrl = new Uri("http://127.0.0.1:5203/") };

        new TaxOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_EveryResilienceMistake_NamesTheKeyAndTheTunedDefault()
    {
        var outOfRange = new TaxOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:5203/"),
            Resilience = new DependencyResilienceOptions
            {
                AttemptTimeout = TimeSpan.FromMilliseconds(1),
                TotalTimeout = TimeSpan.FromDays(2),
                Retry = new DependencyRetryOptions { MaxRetryAttempts = 101, Delay = TimeSpan.FromMilliseconds(-1) },
                CircuitBreaker = new DependencyCircuitBreakerOptions { FailureRatio = 0, MinimumThroughput = 1, SamplingDuration = TimeSpan.Zero, BreakDuration = TimeSpan.FromDays(2) },
            },
        };
        var inconsistent = outOfRange with
        {
            Resilience = new DependencyResilienceOptions
            {
                AttemptTimeout = TimeSpan.FromSeconds(3),
                TotalTimeout = TimeSpan.FromSeconds(2),
                Retry = new DependencyRetryOptions { Delay = TimeSpan.FromDays(2) },
            },
        };

        var validator = new TaxOptionsValidator();
        var failures = validator.Validate(null, outOfRange).Failures!.Concat(validator.Validate(null, inconsistent).Failures!);

        failures.ShouldBe(
        [
            "Tax:Resilience:AttemptTimeout (00:00:00.0010000) must be between 00:00:00.010 and 1.00:00:00; use 00:00:01 for the tuned default.",
            "Tax:Resilience:TotalTimeout (2.00:00:00) must be between 00:00:00.010 and 1.00:00:00; use 00:00:02 for the tuned default.",
            "Tax:Resilience:Retry:MaxRetryAttempts (101) must be between 0 and 100; use 0 to disable retries or 1 for the tuned default.",
            "Tax:Resilience:Retry:Delay (-00:00:00.0010000) must be between 00:00:00 and 1.00:00:00; use 00:00:00.050 for the tuned default.",
            "Tax:Resilience:CircuitBreaker:FailureRatio (0) must be above 0 and at most 1; use 0.5 to open when half the attempts fail.",
            "Tax:Resilience:CircuitBreaker:MinimumThroughput (1) must be at least 2; use 4 for the tuned default.",
            "Tax:Resilience:CircuitBreaker:SamplingDuration (00:00:00) must be between 00:00:00.500 and 1.00:00:00; use 00:00:05 for the tuned default.",
            "Tax:Resilience:CircuitBreaker:BreakDuration (2.00:00:00) must be between 00:00:00.500 and 1.00:00:00; use 00:00:05 for the tuned default.",
            "Tax:Resilience:AttemptTimeout (00:00:03) must be below TotalTimeout (00:00:02); lower AttemptTimeout or raise TotalTimeout, for example 00:00:01 and 00:00:02.",
            "Tax:Resilience:Retry:Delay (2.00:00:00) must be between 00:00:00 and 1.00:00:00; use 00:00:00.050 for the tuned default.",
        ]);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
