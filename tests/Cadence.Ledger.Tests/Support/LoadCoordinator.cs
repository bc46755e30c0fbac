using System.Collections.Immutable;
using System.Diagnostics;
using Cadence.Ledger.LoadWorker;
using Cadence.Ledger.Sqlite;
using NodaTime;

namespace Cadence.Ledger.Tests.Support;

/// <summary>
/// The coordinator of a load run: prepares the database (the ledger, the persons' histories imported, the harness's
/// clock and jobs), then advances the simulated clock round by round, waiting each time for every worker to finish the
/// round, and expires what is due as a host does now and then.
/// </summary>
internal sealed class LoadCoordinator
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromMinutes(2);

    private readonly Duration clockStep;

    public LoadCoordinator(string connectionString, LoadRun run, Duration clockStep, int days)
    {
        Run = run;
        this.clockStep = clockStep;
        Rounds = (int)(Duration.FromDays(days) / clockStep);
        Store = new SqliteLedgerStore(connectionString);
        Ledger = new ContactLedger(Store, LoadRun.ReadPolicy(), run.LedgerOptions);
        Harness = new LoadHarness(connectionString);
        Persons = run.GeneratePersons();
    }

    public LoadRun Run { get; }

    public int Rounds { get; }

    public SqliteLedgerStore Store { get; }

    /// <summary>The coordinator's own ledger (for expiries and checks), on the same database as the workers'.</summary>
    public ContactLedger Ledger { get; }

    public LoadHarness Harness { get; }

    /// <summary>The persons as generated, with the history they had before the run.</summary>
    public ImmutableArray<Person> Persons { get; }

    /// <summary>The clock's last instant: every reservation made before it has expired by then.</summary>
    public Instant End => Run.Start + (clockStep * Rounds);

    /// <summary>How long each round took, wall time.</summary>
    public List<TimeSpan> RoundTimes { get; } = [];

    /// <summary>How many reservations the coordinator's <see cref="ContactLedger.ExpireAsync"/> calls expired.</summary>
    public int ExpiredByCoordinator { get; private set; }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken);
        foreach (var person in Persons)
        {
            await Ledger.ImportHistoryAsync(person, cancellationToken);
        }

        await Harness.CreateAsync([.. Persons.Select(p => p.PersonId)], Run.Start, cancellationToken);
    }

    /// <summary>Runs every round with <paramref name="workers"/>, then stops them and expires what is left open.</summary>
    /// <param name="workers">The workers (not started).</param>
    /// <param name="everyRound">Called at each round, once the clock shows it and its expiries are done.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(IWorkerGroup workers, Func<long, Instant, Task>? everyRound, CancellationToken cancellationToken)
    {
        workers.Start();
        for (var round = 0L; round < Rounds; round++)
        {
            var now = Run.Start + (clockStep * round);
            if (round > 0)
            {
                await Harness.AdvanceAsync(round, now, cancellationToken);
            }

            ExpiredByCoordinator += await Ledger.ExpireAsync(now, cancellationToken);
            if (everyRound is not null)
            {
                await everyRound(round, now);
            }

            var waited = Stopwatch.StartNew();
            while (true)
            {
                await workers.PollAsync(round, cancellationToken);
                var done = await Harness.GetRoundsDoneAsync(cancellationToken);
                if (workers.Workers.All(w => done.GetValueOrDefault(w, -1) >= round))
                {
                    RoundTimes.Add(waited.Elapsed);
                    break;
                }

                if (waited.Elapsed > RoundTimeout)
                {
                    throw new TimeoutException($"Round {round} ({now}) did not end within {RoundTimeout}.");
                }

                await Task.Delay(10, cancellationToken);
            }
        }

        await Harness.StopAsync(cancellationToken);
        await workers.WaitForExitAsync(cancellationToken);
        ExpiredByCoordinator += await Ledger.ExpireAsync(End, cancellationToken);
    }
}
