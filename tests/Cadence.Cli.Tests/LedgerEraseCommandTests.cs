using System.Globalization;
using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class LedgerEraseCommandTests : IDisposable
{
    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Erase_APerson_PrintsThePseudonymAndTheirDecisionStillReplays()
    {
        var path = await Ledgers.InitAsync(tool);
        var decisionId = await Ledgers.ReserveAsync(path, "PF-004");
        var key = tool.File("ledger.key", "a secret key of the tests\n");

        var erase = await Tool.RunAsync("ledger", "erase", "PF-004", "--database", path, "--now", "2026-03-10T09:00:00Z", "--key-file", key);
        var replay = await Tool.RunAsync("ledger", "replay", decisionId.ToString(CultureInfo.InvariantCulture), "--database", path);
        var auditOld = await Tool.RunAsync("ledger", "audit", "PF-004", "--database", path);
        var pseudonym = erase.OutputLines.Single()["PF-004: erased as ".Length..];
        var auditNew = await Tool.RunAsync("ledger", "audit", pseudonym, "--database", path);

        Assert.Equal(0, erase.ExitCode);
        Assert.Matches("^PF-004: erased as erased-[0-9a-f]{32}$", erase.OutputLines.Single());
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains(": same: ", replay.Output, StringComparison.Ordinal);
        Assert.Equal(CliApp.NotFound, auditOld.ExitCode);
        Assert.Equal(0, auditNew.ExitCode);
        Assert.DoesNotContain("PF-004", auditNew.Output, StringComparison.Ordinal);
        Assert.Contains("erased at 2026-03-10T09:00:00Z", auditNew.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_WithTheKeyInTheEnvironment_GivesTheSamePseudonymAsWithTheKeyFile()
    {
        var first = await Ledgers.InitAsync(tool);
        await Ledgers.ReserveAsync(first, "PF-004");
        var secondTool = new Tool();
        using var disposeSecond = secondTool;
        var second = await Ledgers.InitAsync(secondTool);
        await Ledgers.ReserveAsync(second, "PF-004");
        var key = tool.File("ledger.key", "a secret key of the tests\n");

        var fromFile = await Tool.RunAsync("ledger", "erase", "PF-004", "--database", first, "--now", "now", "--key-file", key);
        var fromEnvironment = await Tool.RunWithEnvironmentAsync(name => name == "CADENCE_LEDGER_KEY" ? "a secret key of the tests" : null, "ledger", "erase", "PF-004", "--database", second, "--now", "now");

        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Equal(fromFile.Output, fromEnvironment.Output);
    }

    [Fact]
    public async Task Erase_WithoutAKey_IsRefusedAndExitsTwo()
    {
        var path = await Ledgers.InitAsync(tool);
        await Ledgers.ReserveAsync(path, "PF-004");

        var result = await Tool.RunAsync("ledger", "erase", "PF-004", "--database", path, "--now", "2026-03-10T09:00:00Z");
        var audit = await Tool.RunAsync("ledger", "audit", "PF-004", "--database", path);

        Assert.Equal(CliApp.Usage, result.ExitCode);
        Assert.Equal(["cadence: erasing needs the secret key pseudonyms are made with: give --key-file or set CADENCE_LEDGER_KEY"], result.ErrorLines);
        Assert.Equal(0, audit.ExitCode);
    }
}
