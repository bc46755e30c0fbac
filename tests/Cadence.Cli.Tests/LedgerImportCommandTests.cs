using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class LedgerImportCommandTests : IDisposable
{
    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Import_TheSamplePortfolioTwice_StoresItsAttemptsOnce()
    {
        var path = await Ledgers.InitAsync(tool);
        var before = await Ledgers.Store(path).RunInPersonTransactionAsync("PF-004", (tx, ct) => tx.GetAttemptsAsync(ct), TestContext.Current.CancellationToken);

        var first = await Tool.RunAsync("ledger", "import", "--database", path, "--policy", Tool.Policy(Ledgers.PolicyName), "--accounts", Ledgers.Portfolio);
        var afterFirst = await Ledgers.Store(path).RunInPersonTransactionAsync("PF-004", (tx, ct) => tx.GetAttemptsAsync(ct), TestContext.Current.CancellationToken);
        var second = await Tool.RunAsync("ledger", "import", "--database", path, "--policy", Tool.Policy(Ledgers.PolicyName), "--accounts", Ledgers.Portfolio);
        var afterSecond = await Ledgers.Store(path).RunInPersonTransactionAsync("PF-004", (tx, ct) => tx.GetAttemptsAsync(ct), TestContext.Current.CancellationToken);

        // The sample holds three lines that cannot be read, on purpose: they are skipped both times.
        Assert.Equal(CliApp.Invalid, first.ExitCode);
        Assert.Empty(before);
        Assert.Equal(Ledgers.Person("PF-004").History.OrderBy(a => a.At), afterFirst);
        Assert.EndsWith("sample-portfolio.jsonl: 34 persons imported, 63 attempts stored, 3 lines skipped", first.OutputLines.Single(), StringComparison.Ordinal);
        Assert.Contains(first.ErrorLines, l => l.EndsWith("sample-portfolio.jsonl: line 27 skipped", StringComparison.Ordinal));
        Assert.Equal(CliApp.Invalid, second.ExitCode);
        Assert.EndsWith("sample-portfolio.jsonl: 34 persons imported, 0 attempts stored, 3 lines skipped", second.OutputLines.Single(), StringComparison.Ordinal);
        Assert.Equal(afterFirst, afterSecond);
    }

    [Fact]
    public async Task Import_ALineThatCannotBeRead_IsReportedWithItsLineNumberAndSkippedAndExitsOne()
    {
        var path = await Ledgers.InitAsync(tool);
        var accounts = tool.File(
            "accounts.jsonl",
            """
            {"accountId":"A-1","timeZones":["America/New_York"],"dueDate":"2026-03-14","amountDue":{"amount":10,"currency":"USD"},"contactPoints":[{"channel":"email"}],"history":[{"at":"2026-03-03T17:00:00Z","channel":"email","outcome":"delivered"}]}
            {"accountId":
            """ + "\n");

        var result = await Tool.RunAsync("ledger", "import", "--database", path, "--policy", Tool.Policy(Ledgers.PolicyName), "--accounts", accounts);

        Assert.Equal(CliApp.Invalid, result.ExitCode);
        Assert.Equal([$"{accounts}: 1 person imported, 1 attempt stored, 1 line skipped"], result.OutputLines);
        Assert.Contains($"{accounts}: line 2 skipped", result.ErrorLines);
    }

    [Fact]
    public async Task Import_IntoADatabaseThatDoesNotExist_SaysSoAndExitsTwo()
    {
        var path = tool.PathOf("missing.db");

        var result = await Tool.RunAsync("ledger", "import", "--database", path, "--policy", Tool.Policy(Ledgers.PolicyName), "--accounts", Ledgers.Portfolio);

        Assert.Equal(CliApp.Usage, result.ExitCode);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Import_IntoAFileNeverInitialised_SaysToRunInitAndExitsTwo()
    {
        var path = tool.File("empty.db", string.Empty);

        var result = await Tool.RunAsync("ledger", "import", "--database", path, "--policy", Tool.Policy(Ledgers.PolicyName), "--accounts", Ledgers.Portfolio);

        Assert.Equal(CliApp.Usage, result.ExitCode);
        Assert.Equal([$"cadence: {path} is not a ledger database: create it with 'cadence ledger init'"], result.ErrorLines);
    }
}
