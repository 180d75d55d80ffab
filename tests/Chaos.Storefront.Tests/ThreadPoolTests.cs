namespace Chaos.Storefront.Tests;

public sealed class ThreadPoolTests
{
    [Fact]
    public async Task Create_KeepsEnoughPoolThreadsForSynchronousSqlite()
    {
        await using var app = StorefrontApp.Create([]);

        ThreadPool.GetMinThreads(out var workers, out _);
        workers.ShouldBeGreaterThanOrEqualTo(StorefrontApp.MinimumPoolThreads);
    }
}
