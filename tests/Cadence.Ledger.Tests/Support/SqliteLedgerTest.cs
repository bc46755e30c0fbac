using Cadence.Ledger.Sqlite;

namespace Cadence.Ledger.Tests.Support;

/// <summary>A test on a SQLite ledger of its own: a temporary database file, initialised before each test and deleted after.</summary>
public abstract class SqliteLedgerTest : IAsyncLifetime
{
    private readonly TemporaryDatabase database = new();

    protected SqliteLedgerTest() => Store = new SqliteLedgerStore(database.ConnectionString);

    /// <summary>The test's database file, to reach it beside the store.</summary>
    protected string ConnectionString => database.ConnectionString;

    /// <summary>The store on the test's database.</summary>
    protected SqliteLedgerStore Store { get; }

    /// <summary>The test's cancellation.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => await Store.InitializeAsync(Ct);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        database.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
