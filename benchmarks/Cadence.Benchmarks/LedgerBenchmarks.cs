using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Cadence.Ledger;
using Cadence.Ledger.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Cadence.Benchmarks;

/// <summary>
/// Reservations per second of the contact ledger on its SQLite store, with 1, 2, 4 and 8 concurrent workers, beside a
/// baseline on the same store: a bare <c>BEGIN IMMEDIATE</c> transaction that locks the person (an upsert of the
/// person's row) and inserts one row, on a connection set up as the store sets up its own (WAL, synchronous FULL,
/// busy timeout, foreign keys).
/// </summary>
/// <remarks>
/// One invocation makes <see cref="Reservations"/> reservations in all, split evenly across the workers; each worker is
/// a thread of its own with its own <see cref="ContactLedger"/> and <see cref="SqliteLedgerStore"/> over the same
/// database file, as separate processes would be. Every reservation is for a different person (persons of the reference
/// portfolio to whom the example policy <c>acme-us</c> gives a contact due at <see cref="ReferenceWorkload.Now"/>), so
/// every reserve reserves and no two workers ever wait for the same person: what they wait for is SQLite's one writer.
/// The database file is made afresh before every iteration, so it does not grow from one iteration to the next.
/// The class's own job (Monitoring, 4 warm-up and 10 measured iterations) runs unless the command line names a job
/// (<c>--job dry</c> in CI), which then replaces it rather than running beside it.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class LedgerBenchmarks
{
    /// <summary>The reservations (or baseline transactions) one invocation makes, across all its workers.</summary>
    public const int Reservations = 400;

    private const string LocksTable = "CREATE TABLE IF NOT EXISTS baseline_person_locks (person_id TEXT PRIMARY KEY, version INTEGER NOT NULL)";
    private const string RowsTable = "CREATE TABLE IF NOT EXISTS baseline_rows (id INTEGER PRIMARY KEY AUTOINCREMENT, person_id TEXT NOT NULL, at_ticks INTEGER NOT NULL)";

    private readonly string path = Path.Combine(
        Environment.GetEnvironmentVariable("CADENCE_BENCHMARK_LEDGER_DIR") is { Length: > 0 } folder ? folder : Path.GetTempPath(),
        string.Create(CultureInfo.InvariantCulture, $"cadence-ledger-benchmark-{Environment.ProcessId}.db"));

    private string connectionString = "";
    private Person[] persons = [];
    private string[] keys = [];
    private ContactLedger[] ledgers = [];
    private SqliteLedgerStore[] stores = [];

    /// <summary>How many workers make the reservations at once.</summary>
    [Params(1, 2, 4, 8)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        var policy = ExamplePolicy();
        var engine = new CadenceEngine(policy.Load());
        var portfolio = ReferenceWorkload.GeneratePersons(2_000);
        var due = portfolio.Where(p => IsDueNow(engine.Evaluate(p, ReferenceWorkload.Now))).ToArray();
        if (due.Length < Reservations)
        {
            throw new InvalidOperationException($"Only {due.Length} reference persons have a contact due now; {Reservations} are needed.");
        }

        persons = due[..Reservations];
        Console.WriteLine($"// {due.Length} of {portfolio.Length} persons have a contact due now; the first {Reservations} are reserved, {persons.Average(p => p.History.Length):F1} attempts each on average");

        keys = [.. persons.Select(p => "job-" + p.PersonId)];
        stores = [.. Enumerable.Range(0, Workers).Select(_ => new SqliteLedgerStore(connectionString))];
        ledgers = [.. stores.Select(s => new ContactLedger(s, policy))];
    }

    [IterationSetup]
    public void NewDatabase()
    {
        DeleteDatabase();
        stores[0].InitializeAsync().GetAwaiter().GetResult();
        using var connection = Open();
        Execute(connection, LocksTable);
        Execute(connection, RowsTable);
    }

    [GlobalCleanup]
    public void Cleanup() => DeleteDatabase();

    /// <summary>The baseline: per person, one bare transaction that locks the person and inserts one row.</summary>
    /// <returns>The transactions committed.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Reservations, Description = "Bare transaction (lock person, insert row)")]
    public int BareTransaction() => Run((_, i) =>
    {
        using var connection = Open();
        Execute(connection, "BEGIN IMMEDIATE");
        Execute(connection, "INSERT INTO baseline_person_locks (person_id, version) VALUES ($person, 1) ON CONFLICT (person_id) DO UPDATE SET version = version + 1", ("$person", persons[i].PersonId));
        Execute(connection, "INSERT INTO baseline_rows (person_id, at_ticks) VALUES ($person, $at)", ("$person", persons[i].PersonId), ("$at", ReferenceWorkload.Now.ToUnixTimeTicks()));
        Execute(connection, "COMMIT");
        return true;
    });

    /// <summary>The ledger: per person, one reserve (decided and reserved in one transaction), left open.</summary>
    /// <returns>The reservations made.</returns>
    [Benchmark(OperationsPerInvoke = Reservations, Description = "Ledger reserve")]
    public int Reserve() => Run((w, i) => ledgers[w].ReserveAsync(persons[i], ReferenceWorkload.Now, keys[i]).GetAwaiter().GetResult().Status == ReserveStatus.Reserved);

    /// <summary>The ledger as a host uses it: per person, one reserve, then the contact's completion (a second transaction).</summary>
    /// <returns>The reservations made and completed.</returns>
    [Benchmark(OperationsPerInvoke = Reservations, Description = "Ledger reserve + complete")]
    public int ReserveAndComplete() => Run((w, i) =>
    {
        var reserved = ledgers[w].ReserveAsync(persons[i], ReferenceWorkload.Now, keys[i]).GetAwaiter().GetResult();
        return reserved.Reservation is { } r
            && ledgers[w].CompleteAsync(r.Id, ContactOutcome.Delivered, ReferenceWorkload.Now + Duration.FromMinutes(1)).GetAwaiter().GetResult().Status == ReservationUpdateStatus.Done;
    });

    private static bool IsDueNow(Decision d)
        => d.Kind is DecisionKind.Contact or DecisionKind.Escalate && d.NotBefore <= ReferenceWorkload.Now && d.Step is not null;

    private static LedgerPolicy ExamplePolicy()
    {
        using var stream = typeof(LedgerBenchmarks).Assembly.GetManifestResourceStream("acme-us.policy.json")
            ?? throw new InvalidOperationException("The example policy acme-us.policy.json is not embedded.");
        using var reader = new StreamReader(stream);
        return new LedgerPolicy(reader.ReadToEnd());
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Opens a connection as <see cref="SqliteLedgerStore"/> opens each of its own (pooled, same pragmas).</summary>
    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        var busy = (long)SqliteLedgerStoreOptions.Default.BusyTimeout.TotalMilliseconds;
        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busy}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL"));
        return connection;
    }

    /// <summary>
    /// Runs <see cref="Reservations"/> operations on <see cref="Workers"/> threads started together, worker <c>w</c>
    /// taking persons <c>w</c>, <c>w + Workers</c>…; every operation must succeed.
    /// </summary>
    private int Run(Func<int, int, bool> operation)
    {
        var done = 0;
        var failures = new List<Exception>();
        using var start = new ManualResetEventSlim();
        var threads = new Thread[Workers];
        for (var w = 0; w < Workers; w++)
        {
            var worker = w;
            threads[w] = new Thread(() =>
            {
                start.Wait();
                try
                {
                    for (var i = worker; i < Reservations; i += Workers)
                    {
                        if (operation(worker, i))
                        {
                            Interlocked.Increment(ref done);
                        }
                    }
                }
#pragma warning disable CA1031 // A worker's failure is reported, with every other, after all of them stop.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    lock (failures)
                    {
                        failures.Add(e);
                    }
                }
            });
            threads[w].Start();
        }

        start.Set();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"{failures.Count} of {Workers} workers failed.", failures);
        }

        return done == Reservations
            ? done
            : throw new InvalidOperationException($"Only {done} of {Reservations} operations succeeded with {Workers} workers.");
    }

    private void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The class's job, unless the command line names one, and a column of operations a second (reservations, or
    /// baseline transactions), from the mean time of one.
    /// </summary>
    public sealed class Config : ManualConfig
    {
        public Config()
        {
            if (!Environment.GetCommandLineArgs().Any(a => a is "--job" or "-j"))
            {
                AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(4).WithIterationCount(10).WithId("Monitoring"));
            }

            AddColumn(new PerSecondColumn());
        }
    }

    private sealed class PerSecondColumn : IColumn
    {
        public string Id => nameof(LedgerBenchmarks) + ".PerSecond";

        public string ColumnName => "ops/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Reservations (or baseline transactions) per second, all workers together: 1 s / mean time of one";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
            => summary[benchmarkCase]?.ResultStatistics is { } s ? (1e9 / s.Mean).ToString("N0", CultureInfo.InvariantCulture) : "-";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
