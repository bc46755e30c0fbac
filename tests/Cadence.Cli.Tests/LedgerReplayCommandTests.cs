using System.Globalization;
using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class LedgerReplayCommandTests : IDisposable
{
    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Replay_AStoredDecision_SaysItIsTheSameAndExitsZero()
    {
        var path = await Ledgers.InitAsync(tool);
        var decisionId = await Ledgers.ReserveAsync(path, "PF-004");

        var result = await Tool.RunAsync("ledger", "replay", decisionId.ToString(CultureInfo.InvariantCulture), "--database", path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"decision {decisionId}: same: "), result.OutputLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_AnUnknownDecision_IsRefusedWithTheReasonAndExitsSix()
    {
        var path = await Ledgers.InitAsync(tool);

        var result = await Tool.RunAsync("ledger", "replay", "42", "--database", path);

        Assert.Equal(CliApp.ReplayRefused, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal(["cadence: decision 42: refused: There is no decision 42."], result.ErrorLines);
    }

    [Fact]
    public async Task Replay_AMissingDatabase_IsAUsageErrorAndExitsTwo()
    {
        var result = await Tool.RunAsync("ledger", "replay", "1", "--database", tool.PathOf("missing.db"));

        Assert.Equal(CliApp.Usage, result.ExitCode);
        Assert.Contains("missing.db", result.Error, StringComparison.Ordinal);
    }
}
