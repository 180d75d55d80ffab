using Chaos.Storefront.Auth;

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
            Resilience = new IdentityResilienceOptions
            {
                AttemptTimeout = TimeSpan.FromSeconds(3),
                TotalTimeout = TimeSpan.FromSeconds(2),
                CircuitBreaker = new IdentityCircuitBreakerOptions { FailureRatio = 0 },
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
    }

    [Fact]
    public void Validate_TheDefaultsWithAnAuthority_Succeeds()
    {
        var options = new IdentityProviderOptions { Authority = new Uri("http://127.0.0.1:5301/") };

        new IdentityProviderOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
