using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task RunAsync_NoCommand_IsAUsageErrorExitingTwo()
    {
        var result = await Tool.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal("Run 'cadence --help' for usage.", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_IsAUsageErrorExitingTwo()
    {
        var result = await Tool.RunAsync("decide");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'decide'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ListsTheCommandsOnTheOutputAndExitsZero()
    {
        var result = await Tool.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cadence [command] [options]", result.Output, StringComparison.Ordinal);
        Assert.All(["validate", "evaluate", "explain", "packs", "simulate"], command => Assert.Contains("  " + command, result.Output, StringComparison.Ordinal));
        Assert.Empty(result.Error);
    }
}
