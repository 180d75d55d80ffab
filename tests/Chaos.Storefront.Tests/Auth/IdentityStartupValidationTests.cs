using Chaos.Storefront.Auth;
using Chaos.Storefront.Resilience;

namespace Chaos.Storefront.Tests.Auth;

public sealed class IdentityStartupValidationTests
{
    [Fact]
    public void Startup_WhenALoginMayRetryTwice_FailsWithAMessageNamingTheKey()
    {
        var failure = Should.Throw<Exception>(() => StorefrontHarness.StartAndDispose(new()
        {
            ["Identity:Resilience:Retry:MaxRetryAttempts"] = "2",
        }));

        Flatten(failure).ShouldContain(
            "Identity:Resilience:Retry:MaxRetryAttempts (2) must be 0 or 1: a password grant is retried at most once; use 1.");
    }

    [Fact]
    public void Validate_WithSeveralMistakes_ReportsEveryOneNamingItsKey()
    {
        var options = new IdentityProviderOptions
        {
            Authority = null,
            Audience = " ",
            Resilience = new DependencyResilienceOptions
            {
                AttemptTimeout = TimeSpan.FromSeconds(3),
                TotalTimeout = TimeSpan.FromSeconds(2),
                CircuitBreaker = new DependencyCircuitBreakerOptions { FailureRatio = 0 },
            },
            LoginRateLimit = new LoginRateLimitOptions { PermitsPerAccount = 0 },
        };

        var result = new IdentityProviderOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldNotBeNull();
        result.Failures.Select(f => f.Split(' ')[0]).ShouldBe(
        [
            "Identity:Authority",
            "Identity:Audience",
            "Identity:Resilience:AttemptTimeout",
            "Identity:Resilience:CircuitBreaker:FailureRatio",
            "Identity:LoginRateLimit:PermitsPerAccount",
        ]);
        result.Failures.ShouldContain("Identity:Authority is missing; set it to the identity provider's base URL, for example http://127.0.0.1:5301/.");
    }

    [Fact]
    public void Validate_TheDefaultsWithAnAuthority_Succeeds()
    {
        var options = new IdentityProviderOptions { Authority = new Uri("http://127.0.0.1:5301/") };

        new IdentityProviderOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_EveryResilienceMistake_NamesTheKeyAndTheDefault()
    {
        var outOfRange = new IdentityProviderOptions
        {
            Authority = new Uri("http://127.0.0.1:5301/"),
            Resilience = new DependencyResilienceOptions
            {
                AttemptTimeout = TimeSpan.FromMilliseconds(1),
                TotalTimeout = TimeSpan.FromDays(2),
                Retry = new DependencyRetryOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromMilliseconds(-1) },
                CircuitBreaker = new DependencyCircuitBreakerOptions { FailureRatio = 0, MinimumThroughput = 1, SamplingDuration = TimeSpan.Zero, BreakDuration = TimeSpan.FromDays(2) },
            },
        };
        var inconsistent = outOfRange with
        {
            Resilience = new DependencyResilienceOptions
            {
                AttemptTimeout = TimeSpan.FromSeconds(3),
                TotalTimeout = TimeSpan.FromSeconds(2),
                Retry = new DependencyRetryOptions { Delay = TimeSpan.FromSeconds(2) },
            },
        };

        var validator = new IdentityProviderOptionsValidator();
        var failures = validator.Validate(null, outOfRange).Failures!.Concat(validator.Validate(null, inconsistent).Failures!);

        failures.ShouldBe(
        [
            "Identity:Resilience:AttemptTimeout (00:00:00.0010000) must be between 00:00:00.010 and 1.00:00:00; use a value such as 00:00:01.",
            "Identity:Resilience:TotalTimeout (2.00:00:00) must be between 00:00:00.010 and 1.00:00:00; use a value such as 00:00:01.",
            "Identity:Resilience:Retry:MaxRetryAttempts (2) must be 0 or 1: a password grant is retried at most once; use 1.",
            "Identity:Resilience:Retry:Delay (-00:00:00.0010000) must be at least 00:00:00 and below TotalTimeout; use 00:00:00.050.",
            "Identity:Resilience:CircuitBreaker:FailureRatio (0) must be above 0 and at most 1; use 0.5 to open when half the calls fail.",
            "Identity:Resilience:CircuitBreaker:MinimumThroughput (1) must be at least 2; use 5.",
            "Identity:Resilience:CircuitBreaker:SamplingDuration (00:00:00) must be between 00:00:00.500 and 1.00:00:00; use 00:00:05.",
            "Identity:Resilience:CircuitBreaker:BreakDuration (2.00:00:00) must be between 00:00:00.500 and 1.00:00:00; use 00:00:05.",
            "Identity:Resilience:AttemptTimeout (00:00:03) must be below TotalTimeout (00:00:02); lower AttemptTimeout or raise TotalTimeout.",
            "Identity:Resilience:Retry:Delay (00:00:02) must be at least 00:00:00 and below TotalTimeout; use 00:00:00.050.",
        ]);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
