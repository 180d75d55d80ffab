using System.Net.Http.Json;
using Chaos.Cli.Hosting;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests;

/// <summary>The embedded set-up the run command uses: storefront and simulators in this process, on loopback.</summary>
public sealed class LocalEnvironmentTests
{
    [Fact]
    public async Task StartAsync_FolderOfAnEarlierRun_StartsOnAFreshDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chaos-env-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "storefront.db"), "left over by an earlier run", TestContext.Current.CancellationToken);

        await using var environment = await LocalEnvironment.StartAsync(seed: 1, folder, [], TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = environment.Target.Storefront };
        environment.Target.Admin.ApplyTo(client.DefaultRequestHeaders);
        var orders = await client.GetFromJsonAsync<List<object>>("admin/orders", TestContext.Current.CancellationToken);

        orders.ShouldBeEmpty();
        environment.DatabasePath.ShouldBe(Path.Combine(folder, "storefront.db"));
    }

    [Fact]
    public async Task StartAsync_Defaults_BindsEverythingToLoopback()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chaos-env-" + Guid.NewGuid().ToString("N")[..8]);

        await using var environment = await LocalEnvironment.StartAsync(seed: 1, folder, [], TestContext.Current.CancellationToken);

        environment.Target.Storefront.Host.ShouldBe("127.0.0.1");
        environment.Target.Dependencies.Select(d => d.Dependency).ShouldBe(
            ["payments.primary", "payments.secondary", "identity",
             "fulfillment.fc-win-1", "fulfillment.fc-win-2", "fulfillment.fc-win-3", "fulfillment.fc-win-4", "fulfillment.fc-linux-1", "fulfillment.fc-linux-2",
             "fulfillment.fc-backup-1", "fulfillment.fc-backup-2", "tax"]);

        // The fulfillment hosts are the targets of cohort faults (hosts: { tags: { os: windows } }).
        environment.Target.Hosts.Where(h => h.Tags["os"] == "windows").Select(h => h.Name)
            .ShouldBe(["fulfillment.fc-win-1", "fulfillment.fc-win-2", "fulfillment.fc-win-3", "fulfillment.fc-win-4"]);
        environment.Target.Hosts.Where(h => h.Tags["centre"] == "backup").Select(h => h.Name)
            .ShouldBe(["fulfillment.fc-backup-1", "fulfillment.fc-backup-2"]);
    }

    [Fact]
    public async Task StartAsync_ScenarioSettings_ReachTheStorefrontUnderTheConfigFiles()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chaos-env-" + Guid.NewGuid().ToString("N")[..8]);
        var rejected = new Dictionary<string, string> { ["Payments:PendingLimit"] = "-1" };

        // The scenario's setting reaches the storefront, which validates it at start-up...
        var failure = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => LocalEnvironment.StartAsync(seed: 1, folder, rejected, [], TestContext.Current.CancellationToken));
        failure.Message.ShouldContain("PendingLimit");

        // ...and a --storefront-config file is layered over it.
        var file = Path.Combine(Path.GetTempPath(), "chaos-env-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        await File.WriteAllTextAsync(file, """{ "Payments": { "PendingLimit": 50 } }""", TestContext.Current.CancellationToken);
        await using var environment = await LocalEnvironment.StartAsync(seed: 1, folder, rejected, [file], TestContext.Current.CancellationToken);
        environment.Target.Storefront.Host.ShouldBe("127.0.0.1");
    }
}
