using Chaos.Engine.Systems;
using Shouldly;
using Xunit;

namespace Chaos.Engine.Tests.Systems;

/// <summary><see cref="ServiceLaunch.For"/>: the port and the simulators' URLs reach the service as the system file says.</summary>
public sealed class ServiceLaunchTests
{
    private static readonly Dictionary<string, IReadOnlyList<Uri>> Bank = new() { ["bank"] = [new Uri("http://127.0.0.1:7001")] };

    [Fact]
    public void For_NoPortPlaceholder_AppendsAspNetCoreUrlsAndPassesConfigBothWays()
    {
        using var folder = new SystemFolder();
        var system = SystemLoader.LoadFile(folder.FilePath).System.ShouldNotBeNull();

        var launch = ServiceLaunch.For(system, 5123, Bank);

        launch.FileName.ShouldBe("dotnet");
        launch.WorkingDirectory.ShouldBe(folder.Root);
        launch.Arguments.ShouldBe(["app/BankTransfers.dll", "--urls", "http://127.0.0.1:5123", "--Bank:BaseAddress=http://127.0.0.1:7001/"]);
        launch.Environment["Bank__BaseAddress"].ShouldBe("http://127.0.0.1:7001/");
        launch.Environment["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production");
    }

    [Fact]
    public void For_PortPlaceholderAndPool_FillsThePortAndIndexesThePool()
    {
        using var folder = new SystemFolder();
        var yaml = SystemFolder.Valid
            .Replace("args: [app/BankTransfers.dll]", "args: [server.js]", StringComparison.Ordinal)
            .Replace("env: { ASPNETCORE_ENVIRONMENT: Production }", "env: { PORT: \"{port}\" }", StringComparison.Ordinal)
            .Replace("    pass: both", "    env: BANK_URLS\n    instances: [{ name: a }, { name: b }]", StringComparison.Ordinal);
        var system = SystemLoader.Parse(yaml, folder.FilePath).System.ShouldNotBeNull();
        var pool = new Dictionary<string, IReadOnlyList<Uri>> { ["bank"] = [new Uri("http://127.0.0.1:7001"), new Uri("http://127.0.0.1:7002")] };

        var launch = ServiceLaunch.For(system, 5123, pool);

        launch.Arguments.ShouldBe(["server.js"]);
        launch.Environment["PORT"].ShouldBe("5123");
        launch.Environment["Bank__BaseAddress__0"].ShouldBe("http://127.0.0.1:7001/");
        launch.Environment["Bank__BaseAddress__1"].ShouldBe("http://127.0.0.1:7002/");
        launch.Environment["BANK_URLS"].ShouldBe("http://127.0.0.1:7001/,http://127.0.0.1:7002/");
    }

    [Fact]
    public void For_MissingSimulatorUrl_Throws()
    {
        using var folder = new SystemFolder();
        var system = SystemLoader.LoadFile(folder.FilePath).System.ShouldNotBeNull();

        Should.Throw<InvalidOperationException>(() => ServiceLaunch.For(system, 1, new Dictionary<string, IReadOnlyList<Uri>>()))
            .Message.ShouldBe("No simulator URL for the dependency bank.");
    }
}
