using System.Globalization;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Cadence.Ledger.LoadWorker;

/// <summary>
/// The harness's tables in the ledger's SQLite file, beside (and not part of) the ledger's schema: the simulated clock
/// (<c>sim_clock</c>: one row, advanced by the coordinator), the schedulers' jobs (<c>sim_jobs</c>: the host's schedule
/// of each person's next review), and the last round each worker finished (<c>sim_workers</c>). Thread-safe: a
/// connection per operation. The harness's writes are not synced to the disk at each commit (synchronous NORMAL: they
/// survive a killed process, not a power cut), the ledger's are (its own connections say FULL).
/// </summary>
public sealed class LoadHarness
{
    private readonly string connectionString;

    /// <summary>Reaches the harness's tables in a database.</summary>
    /// <param name="connectionString">The ledger's connection string.</param>
    public LoadHarness(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        this.connectionString = connectionString;
    }

    /// <summary>Creates the tables: the clock at <paramref name="start"/> (round 0), a job due at the start for every person of every scheduler, no worker.</summary>
    /// <param name="personIds">The persons, in order.</param>
    /// <param name="start">The clock's first instant.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    public async Task CreateAsync(IReadOnlyList<string> personIds, Instant start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            CREATE TABLE sim_clock (id INTEGER PRIMARY KEY CHECK (id = 1), round INTEGER NOT NULL, now_ticks INTEGER NOT NULL, stopped INTEGER NOT NULL);
            CREATE TABLE sim_jobs (person_id TEXT NOT NULL, scheduler INTEGER NOT NULL, person_index INTEGER NOT NULL, due_ticks INTEGER NOT NULL, step TEXT NOT NULL, PRIMARY KEY (person_id, scheduler));
            CREATE TABLE sim_workers (worker INTEGER PRIMARY KEY, round INTEGER NOT NULL);
            """, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "INSERT INTO sim_clock (id, round, now_ticks, stopped) VALUES (1, 0, $now, 0)", cancellationToken, ("$now", start.ToUnixTimeTicks())).ConfigureAwait(false);
        for (var i = 0; i < personIds.Count; i++)
        {
            for (var s = 0; s < LoadRun.Schedulers; s++)
            {
                await ExecuteAsync(
                    connection,
                    "INSERT INTO sim_jobs (person_id, scheduler, person_index, due_ticks, step) VALUES ($person, $scheduler, $index, $due, $step)",
                    cancellationToken,
                    ("$person", personIds[i]),
                    ("$scheduler", s),
                    ("$index", i),
                    ("$due", start.ToUnixTimeTicks()),
                    ("$step", Job.Review)).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the simulated clock.</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The reading.</returns>
    public async Task<ClockReading> ReadClockAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await QueryAsync(connection, "SELECT round, now_ticks, stopped FROM sim_clock WHERE id = 1", r => new ClockReading(r.GetInt64(0), Instant.FromUnixTimeTicks(r.GetInt64(1)), r.GetInt64(2) != 0), cancellationToken).ConfigureAwait(false)).Single();
    }

    /// <summary>Sets the clock to round <paramref name="round"/> at <paramref name="now"/> (the coordinator's part).</summary>
    /// <param name="round">The round.</param>
    /// <param name="now">The instant.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    public async Task AdvanceAsync(long round, Instant now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "UPDATE sim_clock SET round = $round, now_ticks = $now WHERE id = 1", cancellationToken, ("$round", round), ("$now", now.ToUnixTimeTicks())).ConfigureAwait(false);
    }

    /// <summary>Stops the run: workers leave at their next look at the clock.</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "UPDATE sim_clock SET stopped = 1 WHERE id = 1", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The jobs of a scheduler due at <paramref name="now"/>, in the order of the persons.</summary>
    /// <param name="scheduler">The scheduler.</param>
    /// <param name="now">The instant.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The jobs.</returns>
    public async Task<IReadOnlyList<Job>> GetDueJobsAsync(int scheduler, Instant now, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(
            connection,
            "SELECT person_id, person_index, scheduler, due_ticks, step FROM sim_jobs WHERE scheduler = $scheduler AND due_ticks <= $now ORDER BY person_index",
            r => new Job(r.GetString(0), r.GetInt32(1), r.GetInt32(2), Instant.FromUnixTimeTicks(r.GetInt64(3)), r.GetString(4)),
            cancellationToken,
            ("$scheduler", scheduler),
            ("$now", now.ToUnixTimeTicks())).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces a job by the next one, unless another worker handed the same job already did (compare and set).
    /// </summary>
    /// <param name="done">The job done.</param>
    /// <param name="next">The next job.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>Whether this call replaced it.</returns>
    public async Task<bool> ReplaceJobAsync(Job done, Job next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(next);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(
            connection,
            "UPDATE sim_jobs SET due_ticks = $due, step = $step WHERE person_id = $person AND scheduler = $scheduler AND due_ticks = $was AND step = $wasStep",
            cancellationToken,
            ("$due", next.Due.ToUnixTimeTicks()),
            ("$step", next.Step),
            ("$person", done.PersonId),
            ("$scheduler", done.Scheduler),
            ("$was", done.Due.ToUnixTimeTicks()),
            ("$wasStep", done.Step)).ConfigureAwait(false) == 1;
    }

    /// <summary>Records that a worker finished a round.</summary>
    /// <param name="worker">The worker.</param>
    /// <param name="round">The round.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    public async Task ReportRoundAsync(int worker, long round, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "INSERT INTO sim_workers (worker, round) VALUES ($worker, $round) ON CONFLICT (worker) DO UPDATE SET round = excluded.round", cancellationToken, ("$worker", worker), ("$round", round)).ConfigureAwait(false);
    }

    /// <summary>The last round each worker finished.</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The rounds, by worker.</returns>
    public async Task<IReadOnlyDictionary<int, long>> GetRoundsDoneAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await QueryAsync(connection, "SELECT worker, round FROM sim_workers", r => (Worker: r.GetInt32(0), Round: r.GetInt64(1)), cancellationToken).ConfigureAwait(false))
            .ToDictionary(x => x.Worker, x => x.Round);
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
