using Cadence.Cli.Tests.Support;
using Cadence.Ledger.Sqlite;

namespace Cadence.Cli.Tests;

public sealed class LedgerInitCommandTests : IDisposable
{
    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Init_ANewFile_CreatesTheLedgerAndPrintsTheSchemaVersion()
    {
        var path = tool.PathOf("new.db");

        var result = await Tool.RunAsync("ledger", "init", "--database", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"{path}: schema version {SqliteLedgerStore.SchemaVersion} (1 migration applied)"], result.OutputLines);
        Assert.Equal([1], await Ledgers.Store(path).GetAppliedSchemaVersionsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Init_TwiceOnTheSameFile_SaysTheSecondTimeThatItIsUpToDate()
    {
        var path = tool.PathOf("twice.db");
        await Tool.RunAsync("ledger", "init", "--database", path);

        var result = await Tool.RunAsync("ledger", "init", "--database", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"{path}: schema version {SqliteLedgerStore.SchemaVersion} (up to date)"], result.OutputLines);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Init_AFileThatIsNotADatabase_SaysItCannotUseItAndExitsTwo()
    {
        var path = tool.File("text.db", "this is not a database, only words in a file long enough to have a header of sorts\n");

        var result = await Tool.RunAsync("ledger", "init", "--database", path);

        Assert.Equal(CliApp.Usage, result.ExitCode);
        Assert.StartsWith($"cadence: cannot use the ledger {path}: ", result.Error, StringComparison.Ordinal);
    }
}
