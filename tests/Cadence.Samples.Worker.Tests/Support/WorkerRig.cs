using Cadence.Ledger;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;

namespace Cadence.Samples.Worker.Tests.Support;

/// <summary>
/// A <see cref="ContactWorker"/> over persons of the samples (<see cref="SamplePortfolio.Person"/>), on a fake clock,
/// with the sample dispatcher unless told otherwise, and without a ledger unless given a ledger file.
/// </summary>
internal sealed class WorkerRig : IDisposable
{
    public WorkerRig(IDelay? delay, Func<InMemoryPersonStore, IContactDispatcher>? dispatcher, params string[] personIds)
        : this(null, delay, dispatcher, personIds)
    {
    }

    public WorkerRig(params string[] personIds)
        : this(null, null, null, personIds)
    {
    }

    private WorkerRig(string? ledgerFile, IDelay? delay, Func<InMemoryPersonStore, IContactDispatcher>? dispatcher, string[] personIds)
    {
        Clock = new FakeClock(SamplePortfolio.Start);
        Delay = delay ?? new AutoAdvancingDelay(Clock);
        Store = new InMemoryPersonStore(personIds.Select(SamplePortfolio.Person));
        Queue = new DueQueue<string>(Clock, Delay);
        Dispatcher = dispatcher?.Invoke(Store) ?? new LoggingContactDispatcher(NullLogger<LoggingContactDispatcher>.Instance);
        Ledger = ledgerFile is null ? null : new WorkerLedger(ledgerFile, SamplePortfolio.LedgerPolicy);
        Worker = new ContactWorker(SamplePortfolio.Engine(), Store, Dispatcher, Queue, Clock, Log, Ledger);
    }

    public FakeClock Clock { get; }

    public IDelay Delay { get; }

    public InMemoryPersonStore Store { get; }

    public DueQueue<string> Queue { get; }

    public IContactDispatcher Dispatcher { get; }

    public WorkerLedger? Ledger { get; }

    public ListLogger<ContactWorker> Log { get; } = new();

    public ContactWorker Worker { get; }

    public Instant Now => Clock.GetCurrentInstant();

    /// <summary>A worker whose contacts go through the ledger on <paramref name="ledgerFile"/>, opened (created, histories imported) at the clock's start.</summary>
    public static Task<WorkerRig> WithLedgerAsync(string ledgerFile, Func<InMemoryPersonStore, IContactDispatcher>? dispatcher, params string[] personIds)
        => OpenAsync(ledgerFile, null, dispatcher, personIds);

    /// <summary>The same, with the sample dispatcher and a delay of the test's own.</summary>
    public static Task<WorkerRig> WithLedgerAndDelayAsync(string ledgerFile, IDelay delay, params string[] personIds)
        => OpenAsync(ledgerFile, delay, null, personIds);

    /// <summary>A worker on the ledger file <paramref name="ledgerFile"/>, not opened yet: the worker opens it when it starts.</summary>
    public static WorkerRig WithUnopenedLedger(string ledgerFile, IDelay delay, params string[] personIds)
        => new(ledgerFile, delay, null, personIds);

    private static async Task<WorkerRig> OpenAsync(string ledgerFile, IDelay? delay, Func<InMemoryPersonStore, IContactDispatcher>? dispatcher, string[] personIds)
    {
        var rig = new WorkerRig(ledgerFile, delay, dispatcher, personIds);
        await rig.Ledger!.OpenAsync(rig.Store, rig.Now, TestContext.Current.CancellationToken);
        return rig;
    }

    /// <summary>The person's history as the store has it now (without a ledger).</summary>
    public IReadOnlyList<ContactAttempt> History(string personId)
    {
        Assert.True(Store.TryGet(personId, out var person));
        return person.History;
    }

    /// <summary>The person's history as the ledger has it now.</summary>
    public Task<IReadOnlyList<ContactAttempt>> LedgerHistoryAsync(string personId)
        => Ledger!.HistoryAsync(personId, TestContext.Current.CancellationToken);

    /// <summary>The person's reservations in the ledger.</summary>
    public Task<IReadOnlyList<Reservation>> ReservationsAsync(string personId)
        => Ledger!.ReservationsAsync(personId, TestContext.Current.CancellationToken);

    /// <summary>Handles persons as they fall due until the next is due at <paramref name="until"/> or later (at most <paramref name="limit"/> of them).</summary>
    public async Task<List<Processed>> RunUntilAsync(Instant until, int limit = 2_000)
    {
        var processed = new List<Processed>();
        while (processed.Count < limit && Queue.TryPeek(out _, out var due) && due < until)
        {
            processed.Add(await Worker.RunOnceAsync(TestContext.Current.CancellationToken));
        }

        return processed;
    }

    public void Dispose() => Worker.Dispose();
}
