using System.Collections.Concurrent;
using Cadence.Ledger.Sqlite;
using Cadence.Ledger.Tests.Support;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Cadence.Ledger.Tests;

/// <summary>What the SQLite store does beyond the store contract: concurrency across connections, migrations, the file.</summary>
public sealed class SqliteLedgerStoreTests : IDisposable
{
    private readonly TemporaryDatabase database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Reserve_ManyThreadsEachWithItsOwnConnection_NeverDoubleBookAPerson()
    {
        await new SqliteLedgerStore(database.ConnectionString).InitializeAsync(Ct);
        string[] persons = ["P-1", "P-2", "P-3", "P-4", "P-5"];
        var results = new ConcurrentBag<(string Person, ReserveResult Result)>();

        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(
            async () =>
            {
                var ledger = new ContactLedger(new SqliteLedgerStore(database.ConnectionString), TestData.Policy);
                for (var round = 0; round < 3; round++)
                {
                    foreach (var person in persons)
                    {
                        var now = TestData.Now + Duration.FromSeconds(round);
                        results.Add((person, await ledger.ReserveAsync(TestData.Person(person), now, $"{person}/worker-{w}/round-{round}", Ct)));
                    }
                }
            },
            Ct));
        await Task.WhenAll(workers);

        Assert.Equal(8 * 3 * persons.Length, results.Count);
        foreach (var person in persons)
        {
            Assert.Single(results, r => r.Person == person && r.Result.Status == ReserveStatus.Reserved);
        }

        Assert.All(results, r => Assert.NotEqual(ReserveStatus.Error, r.Result.Status));
        Assert.Equal(persons.Length, await CountAsync("SELECT COUNT(*) FROM reservations"));
        Assert.Equal(results.Count, await CountAsync("SELECT COUNT(*) FROM decisions"));
    }

    [Fact]
    public async Task Reserve_SameKeyFromTwoThreadsAtOnce_MakesOneReservationAndOneAnswer()
    {
        await new SqliteLedgerStore(database.ConnectionString).InitializeAsync(Ct);
        var tasks = Enumerable.Range(0, 6).Select(_ => Task.Run(
            () => new ContactLedger(new SqliteLedgerStore(database.ConnectionString), TestData.Policy).ReserveAsync(TestData.Person(), TestData.Now, "retry-me", Ct),
            Ct)).ToList();

        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => !r.Repeated);
        var first = results.Single(r => !r.Repeated);
        Assert.All(results.Where(r => r.Repeated), r => Assert.Equal(first with { Repeated = true }, r));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM reservations"));
    }

    [Fact]
    public async Task Initialize_NewDatabase_AppliesEveryMigrationInWalMode()
    {
        var store = new SqliteLedgerStore(database.ConnectionString);

        await store.InitializeAsync(Ct);
        await store.InitializeAsync(Ct);

        Assert.Equal([1], await store.GetAppliedSchemaVersionsAsync(Ct));
        Assert.Equal(1, SqliteLedgerStore.SchemaVersion);
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Initialize_DatabaseAtAnOlderVersion_AppliesOnlyTheNewMigrations()
    {
        var first = SqliteMigrations.All[0];
        var next = new SqliteMigration(2, "a table for the test", "CREATE TABLE test_added (id INTEGER PRIMARY KEY)");
        await new SqliteLedgerStore(database.ConnectionString, null, [first]).InitializeAsync(Ct);
        await new ContactLedger(new SqliteLedgerStore(database.ConnectionString), TestData.Policy).ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        var upgraded = new SqliteLedgerStore(database.ConnectionString, null, [first, next]);
        await upgraded.InitializeAsync(Ct);

        Assert.Equal([1, 2], await upgraded.GetAppliedSchemaVersionsAsync(Ct));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM reservations"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM test_added"));
    }

    [Fact]
    public async Task Initialize_DatabaseNewerThanTheStore_IsRefused()
    {
        var next = new SqliteMigration(2, "a later version", "CREATE TABLE test_added (id INTEGER PRIMARY KEY)");
        await new SqliteLedgerStore(database.ConnectionString, null, [SqliteMigrations.All[0], next]).InitializeAsync(Ct);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteLedgerStore(database.ConnectionString).InitializeAsync(Ct));

        Assert.Equal("The ledger database is at schema version 2, newer than this store knows (1): open it with a newer version of Cadence.Ledger.Sqlite.", e.Message);
    }

    [Fact]
    public async Task Initialize_MigrationThatFails_LeavesTheDatabaseAsItWas()
    {
        var broken = new SqliteMigration(2, "broken", "CREATE TABLE test_added (id INTEGER PRIMARY KEY); THIS IS NOT SQL");
        await new SqliteLedgerStore(database.ConnectionString).InitializeAsync(Ct);

        await Assert.ThrowsAsync<SqliteException>(() => new SqliteLedgerStore(database.ConnectionString, null, [SqliteMigrations.All[0], broken]).InitializeAsync(Ct));

        Assert.Equal([1], await new SqliteLedgerStore(database.ConnectionString).GetAppliedSchemaVersionsAsync(Ct));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'test_added'"));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=ledger;Mode=Memory")]
    public void Constructor_InMemoryDatabase_Throws(string connectionString)
    {
        var e = Assert.Throws<ArgumentException>(() => new SqliteLedgerStore(connectionString));

        Assert.StartsWith("The ledger needs a database file: an in-memory SQLite database ends with its connection.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_InstantsAndEnums_AreStoredAsUnixTicksAndNames()
    {
        var store = new SqliteLedgerStore(database.ConnectionString);
        await store.InitializeAsync(Ct);
        await new ContactLedger(store, TestData.Policy).ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        Assert.Equal(TestData.Now.ToUnixTimeTicks(), await CountAsync("SELECT at_ticks FROM reservations"));
        Assert.Equal("Sms|Open|[\"P-1-A\"]", await ScalarAsync("SELECT channel || '|' || status || '|' || account_ids FROM reservations"));
    }

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarObjectAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string?> ScalarAsync(string sql) => (await ScalarObjectAsync(sql))?.ToString();

    private async Task<object?> ScalarObjectAsync(string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
