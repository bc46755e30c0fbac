using Cadence.Ledger.Sqlite;
using Cadence.Ledger.Tests.Support;

namespace Cadence.Ledger.Tests;

/// <summary>The store contract, run on a SQLite database file.</summary>
public sealed class SqliteLedgerStoreContractTests : LedgerStoreContractTests
{
    private readonly TemporaryDatabase database = new();

    protected override async Task<ILedgerStore> CreateStoreAsync()
    {
        var store = new SqliteLedgerStore(database.ConnectionString);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    protected override ValueTask DisposeStoreAsync()
    {
        database.Dispose();
        return ValueTask.CompletedTask;
    }
}
