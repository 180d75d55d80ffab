using System.Diagnostics;
using Shouldly;
using Xunit;

namespace Chaos.Scenarios.Tests.Tool;

/// <summary>
/// The CLI as a .NET tool: <c>dotnet pack</c> of src/Chaos.Cli (the build this suite runs on) into a temporary folder,
/// <c>dotnet tool install --tool-path</c> into another (never the user's global tools), and the installed
/// <c>chaos</c> run from a folder outside the repository.
/// </summary>
public sealed class DotnetToolTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("chaos-tool-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task InstalledTool_FromAFolderOutsideTheRepository_InitsListsAndValidatesTheShippedScenarios()
    {
        var packages = Path.Combine(_folder, "artifacts");
        var tools = Path.Combine(_folder, "tools");
        var work = Directory.CreateDirectory(Path.Combine(_folder, "work")).FullName;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

        var pack = await RunAsync("dotnet", ["pack", Path.Combine(Repository.Root, "src", "Chaos.Cli"), "--no-build", "-c", configuration, "-o", packages], Repository.Root);
        pack.ExitCode.ShouldBe(0, pack.ToString());
        File.Exists(Path.Combine(packages, "chaos.0.1.0.nupkg")).ShouldBeTrue(pack.ToString());

        var install = await RunAsync("dotnet", ["tool", "install", "chaos", "--tool-path", tools, "--add-source", packages], work);
        install.ExitCode.ShouldBe(0, install.ToString());
        install.Output.ShouldContain("Tool 'chaos' (version '0.1.0') was successfully installed.");

        // The storefront finds its content root next to its assembly: its appsettings.json must travel in the package.
        var installed = Directory.GetFiles(Path.Combine(tools, ".store"), "Chaos.Storefront.dll", SearchOption.AllDirectories).ShouldHaveSingleItem();
        var settings = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(installed)!, "appsettings.json"), TestContext.Current.CancellationToken);
        settings.ShouldContain("\"Inventory\"");

        var chaos = Path.Combine(tools, OperatingSystem.IsWindows() ? "chaos.exe" : "chaos");
        var init = await RunAsync(chaos, ["init"], work);
        init.ExitCode.ShouldBe(0, init.ToString());
        File.Exists(Path.Combine(work, "scenarios", "payment-gateway-down.yaml")).ShouldBeTrue(init.ToString());

        var list = await RunAsync(chaos, ["list"], work);
        list.ExitCode.ShouldBe(0, list.ToString());
        foreach (var scenario in Directory.EnumerateFiles(Repository.ScenariosDirectory, "*.yaml"))
        {
            list.Output.ShouldContain(Path.GetFileNameWithoutExtension(scenario), Case.Sensitive, list.ToString());
        }

        var validate = await RunAsync(chaos, ["validate", Path.Combine("scenarios", "payment-gateway-down.yaml")], work);
        validate.ExitCode.ShouldBe(0, validate.ToString());
        validate.Output.ShouldContain("ok scenarios/payment-gateway-down.yaml");

        var missing = await RunAsync(chaos, ["validate", "no-such-scenario.yaml"], work);
        missing.ExitCode.ShouldBe(2, missing.ToString());
        missing.Errors.ShouldContain("no-such-scenario.yaml");
    }

    private async Task<CommandRun> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Tool packages restore into a folder of this test, so a stale chaos of the same version cannot be picked up.
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_folder, "nuget-packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is null && FindDotnetRoot() is { } root)
        {
            // The installed apphost looks for the runtime here when dotnet is not in a default place.
            start.Environment["DOTNET_ROOT"] = root;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(CommandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandRun($"{fileName} {string.Join(' ', arguments)}", process.ExitCode, await output, await errors);
    }

    private static string? FindDotnetRoot()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate))
            {
                var resolved = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
                return Path.GetDirectoryName(resolved);
            }
        }

        return null;
    }

    private sealed record CommandRun(string CommandLine, int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"{CommandLine} exited {ExitCode}{Environment.NewLine}{Output}{Environment.NewLine}{Errors}";
    }
}
