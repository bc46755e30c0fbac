using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;
using static Cadence.Ledger.Sqlite.SqliteRows;

namespace Cadence.Ledger.Sqlite;

/// <summary>
/// The ledger's embedded store: one SQLite database file in write-ahead-log mode, shared by every thread and process
/// that opens it. Each transaction on a person is a <c>BEGIN IMMEDIATE</c> transaction on its own connection: SQLite
/// admits one writer at a time, so transactions on the same person (and on any other) never interleave, and a
/// connection that finds the database locked waits up to <see cref="SqliteLedgerStoreOptions.BusyTimeout"/>.
/// Synchronous mode is <c>FULL</c>: a committed reservation survives a crash of the process or the machine.
/// </summary>
/// <remarks>Thread-safe: connections are opened per operation (and pooled).</remarks>
public sealed class SqliteLedgerStore : ILedgerStore
{
    private readonly string connectionString;
    private readonly SqliteLedgerStoreOptions options;
    private readonly IReadOnlyList<SqliteMigration> migrations;

    /// <summary>Creates a store on the database a connection string names.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=ledger.db</c>.</param>
    /// <param name="options">How to use the database; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or names an in-memory database (the ledger must outlive a connection).</exception>
    public SqliteLedgerStore(string connectionString, SqliteLedgerStoreOptions? options = null)
        : this(connectionString, options, SqliteMigrations.All)
    {
    }

    internal SqliteLedgerStore(string connectionString, SqliteLedgerStoreOptions? options, IReadOnlyList<SqliteMigration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("The ledger needs a database file: an in-memory SQLite database ends with its connection.", nameof(connectionString));
        }

        this.connectionString = builder.ToString();
        this.options = options ?? SqliteLedgerStoreOptions.Default;
        this.migrations = migrations;
    }

    /// <summary>The schema version this store writes: the last of its migrations.</summary>
    public static int SchemaVersion => SqliteMigrations.All[^1].Version;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)", cancellationToken).ConfigureAwait(false);
            var applied = (await QueryAsync(connection, "SELECT version FROM schema_version ORDER BY version", r => r.GetInt32(0), cancellationToken).ConfigureAwait(false)).ToHashSet();
            var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
            if (applied.Count > 0 && applied.Max() > known)
            {
                throw new InvalidOperationException(Invariant($"The ledger database is at schema version {applied.Max()}, newer than this store knows ({known}): open it with a newer version of Cadence.Ledger.Sqlite."));
            }

            foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
            {
                await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, "INSERT INTO schema_version (version, description) VALUES ($version, $description)", cancellationToken, ("$version", migration.Version), ("$description", migration.Description)).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, "COMMIT", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<T> RunInPersonTransactionAsync<T>(string personId, Func<ILedgerTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            result = await work(new SqliteLedgerTransaction(connection, personId), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await ExecuteAsync(connection, "COMMIT", CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async Task<Reservation?> GetReservationAsync(long reservationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await QueryAsync(connection, $"SELECT {ReservationColumns} FROM reservations WHERE id = $id", ReadReservation, cancellationToken, ("$id", reservationId)).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReservationEvent>> GetEventsAsync(long reservationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(
            connection,
            "SELECT reservation_id, at_ticks, kind, outcome FROM reservation_events WHERE reservation_id = $id ORDER BY id",
            r => new ReservationEvent(r.GetInt64(0), SqliteRows.Instant(r, 1), Parse<ReservationEventKind>(r.GetString(2)), Text(r, 3) is { } o ? Parse<ContactOutcome>(o) : null),
            cancellationToken,
            ("$id", reservationId)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<LedgerDecisionRecord?> GetDecisionAsync(long decisionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await QueryAsync(connection, $"SELECT {DecisionColumns} FROM decisions WHERE id = $id", ReadDecision, cancellationToken, ("$id", decisionId)).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<LedgerPolicy?> GetPolicyAsync(string policyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await QueryAsync(
            connection,
            "SELECT text, holiday_files FROM policies WHERE id = $id",
            r => new LedgerPolicy(r.GetString(0), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(1))),
            cancellationToken,
            ("$id", policyId)).ConfigureAwait(false)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetPersonsWithExpiredReservationsAsync(Instant now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, "SELECT DISTINCT person_id FROM reservations WHERE status = 'Open' AND expires_ticks <= $now ORDER BY person_id", r => r.GetString(0), cancellationToken, ("$now", Ticks(now))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> PurgeInputsAsync(Instant madeBefore, Instant now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            "UPDATE decisions SET inputs_json = NULL, inputs_purged_ticks = $now WHERE inputs_json IS NOT NULL AND now_ticks < $before",
            cancellationToken,
            ("$now", Ticks(now)),
            ("$before", Ticks(madeBefore))).ConfigureAwait(false);
    }

    /// <summary>The schema versions applied to the database, in order (for diagnostics and tests).</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The versions; empty for a database never initialised.</returns>
    public async Task<ImmutableArray<int>> GetAppliedSchemaVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var exists = await QueryAsync(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", r => r.GetInt32(0), cancellationToken).ConfigureAwait(false);
        return exists.Count == 0 ? [] : [.. await QueryAsync(connection, "SELECT version FROM schema_version ORDER BY version", r => r.GetInt32(0), cancellationToken).ConfigureAwait(false)];
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var busy = (long)options.BusyTimeout.TotalMilliseconds;
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busy}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL"), cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
