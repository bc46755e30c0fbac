using System.Collections.Immutable;
using Cadence.Simulation;
using NodaTime;

namespace Cadence.Ledger.LoadWorker;

/// <summary>
/// What every worker of a load run, thread or process, and the run's coordinator agree on: the persons (generated from
/// the seed), the policy, the ledger's options, and how the persons are shared among the workers round by round.
/// </summary>
/// <param name="Seed">The seed of the persons and of every draw (outcomes, cancellations, abandoned reservations).</param>
/// <param name="Workers">How many workers share the persons.</param>
public sealed record LoadRun(int Seed, int Workers = LoadRun.DefaultWorkers)
{
    /// <summary>Eight workers by default.</summary>
    public const int DefaultWorkers = 8;

    /// <summary>
    /// The schedulers: each emits its own job for every person (job ids differ between schedulers), and some jobs are
    /// handed to <see cref="Fanout"/> workers at once (at-least-once delivery), so that a person is decided for by
    /// several requests with different idempotency keys, and a key sent by several workers at once.
    /// </summary>
    public const int Schedulers = 2;

    /// <summary>How many workers of a scheduler take a shared job: one person-round in <see cref="SharedEvery"/>; one worker takes the others.</summary>
    public const int Fanout = 2;

    /// <summary>How often a job is shared by <see cref="Fanout"/> workers: one person-round in four.</summary>
    public const int SharedEvery = 4;

    /// <summary>The file of the policy, in the folder of the program: the acme lender's SMS-first cadence on the US Regulation F pack.</summary>
    public const string PolicyFile = "policies/acme-us-sms-first.policy.json";

    /// <summary>How many persons: 500.</summary>
    public int Persons { get; init; } = 500;

    /// <summary>The instant the simulated clock starts at (a Monday, midnight UTC); the persons' histories end before it.</summary>
    public Instant Start { get; init; } = Instant.FromUtc(2026, 3, 2, 0, 0);

    /// <summary>The ledger's options: reservations live fifteen minutes (the default).</summary>
    public LedgerOptions LedgerOptions { get; init; } = LedgerOptions.Default;

    /// <summary>The policy the ledger decides with, read from <see cref="PolicyFile"/> beside the program.</summary>
    /// <returns>The policy.</returns>
    public static LedgerPolicy ReadPolicy() => LedgerPolicy.FromFile(Path.Combine(AppContext.BaseDirectory, PolicyFile));

    /// <summary>The persons as generated, each with the history they had before the run (the coordinator imports it into the ledger).</summary>
    /// <returns>The persons <c>PER-0000000</c>… in order.</returns>
    public ImmutableArray<Person> GeneratePersons() => SyntheticPortfolio.GeneratePersons(Persons, Start, Seed);

    /// <summary>
    /// The persons as a host keeps them: accounts, contact points and holds, but no contact history (the ledger holds it
    /// and merges it in at every reserve).
    /// </summary>
    /// <returns>The persons in order.</returns>
    public ImmutableArray<Person> HostPersons() => [.. GeneratePersons().Select(p => p with { History = [] })];

    /// <summary>The scheduler a worker takes jobs from.</summary>
    /// <param name="worker">The worker, from 0.</param>
    /// <returns>The scheduler, from 0.</returns>
    public static int SchedulerOf(int worker) => worker % Schedulers;

    /// <summary>
    /// Whether <paramref name="worker"/> takes the jobs of person <paramref name="person"/> in round
    /// <paramref name="round"/>: one worker of each scheduler does, or <see cref="Fanout"/> of them one person-round in
    /// <see cref="SharedEvery"/>; different workers each round.
    /// </summary>
    /// <param name="worker">The worker, from 0.</param>
    /// <param name="person">The person's position, from 0.</param>
    /// <param name="round">The round of the clock, from 0.</param>
    /// <returns>Whether it does.</returns>
    public bool Handles(int worker, int person, long round)
    {
        var slots = Math.Max(1, Workers / Schedulers);
        var slot = worker / Schedulers;
        var offset = (slot - ((person + round) % slots) + slots) % slots;
        var fanout = ((person / slots) + round) % SharedEvery == 0 ? Fanout : 1;
        return offset < Math.Min(fanout, slots);
    }
}
