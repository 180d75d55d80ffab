using System.Text.Json;

namespace Chaos.Storefront.Tests;

/// <summary>The thread-pool minimum is the host's choice: the storefront's own process sets it, embedding it changes nothing.</summary>
public sealed class ThreadPoolTests
{
    [Fact]
    public async Task Create_LeavesTheProcesssThreadPoolMinimumToTheHost()
    {
        ThreadPool.GetMinThreads(out var workersBefore, out var portsBefore);

        await using var app = StorefrontApp.Create([]);

        ThreadPool.GetMinThreads(out var workers, out var ports);
        (workers, ports).ShouldBe((workersBefore, portsBefore));
    }

    [Fact]
    public void TheStorefrontsOwnProcess_StartsWith32PoolWorkersForSynchronousSqlite()
    {
        // Chaos.Storefront.runtimeconfig.json is what `dotnet Chaos.Storefront.dll` (multi-process runs, containers) reads.
        var path = Path.Combine(AppContext.BaseDirectory, "Chaos.Storefront.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));

        config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties")
            .GetProperty("System.Threading.ThreadPool.MinThreads").GetInt32().ShouldBe(32);
    }
}
