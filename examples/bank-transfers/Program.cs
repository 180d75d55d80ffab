using BankTransfers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<BankOptions>()
    .BindConfiguration(BankOptions.SectionName)
    .ValidateDataAnnotations()
    .Validate(o => o.TransferEndpoints.Count > 0, "Bank:BaseAddress is required (or Bank:Endpoints, a list of the bank's regional endpoints).")
    .Validate(o => o.TransferEndpoints.All(u => u.IsAbsoluteUri && u.AbsolutePath.EndsWith('/')), "Bank:BaseAddress and Bank:Endpoints must be absolute URLs ending in /, like http://127.0.0.1:9090/.")
    .Validate(o => o.AttemptTimeout < o.TotalTimeout, "Bank:AttemptTimeout must be below Bank:TotalTimeout.")
    .ValidateOnStart();

// The standard resilience pipeline (rate limiter, total timeout, retry, circuit breaker, attempt timeout). Its retry
// handles an attempt timeout for every method, POST included: when the bank is slower than AttemptTimeout, the same
// transfer is sent again. Bank:RetryPosts=false turns retries off for POST, PUT, PATCH and DELETE.
var bankClient = builder.Services.AddHttpClient<BankClient>();
var bankPipeline = bankClient.AddStandardResilienceHandler();

// With several endpoints, one pipeline (the default) has one breaker for all of them; Bank:BreakerPerEndpoint=true
// gives each endpoint (each authority) a pipeline and a breaker of its own.
if (builder.Configuration.GetValue<bool>($"{BankOptions.SectionName}:{nameof(BankOptions.BreakerPerEndpoint)}"))
{
    bankPipeline.SelectPipelineByAuthority();
}

bankPipeline.Configure((HttpStandardResilienceOptions options, IServiceProvider services) =>
    {
        var bank = services.GetRequiredService<IOptions<BankOptions>>().Value;
        options.AttemptTimeout.Timeout = bank.AttemptTimeout;
        options.TotalRequestTimeout.Timeout = bank.TotalTimeout;
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        // The handler refuses a sampling duration below twice the attempt timeout at start-up.
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(10).Ticks, bank.AttemptTimeout.Ticks * 2));
        options.CircuitBreaker.MinimumThroughput = 10;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
        if (!bank.RetryPosts)
        {
            options.Retry.DisableForUnsafeHttpMethods();
        }
    });

// Below the pipeline, so every attempt passes through it: tells BankClient whether a transfer may have reached the bank.
bankClient.AddHttpMessageHandler(() => new TransferAttemptsHandler());

var app = builder.Build();
app.MapPaymentEndpoints();
app.Run();
