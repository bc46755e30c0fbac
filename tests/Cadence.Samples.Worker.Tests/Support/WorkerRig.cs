using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;

namespace Cadence.Samples.Worker.Tests.Support;

/// <summary>A <see cref="ContactWorker"/> over accounts of the sample portfolio, on a fake clock, with the sample dispatcher unless told otherwise.</summary>
internal sealed class WorkerRig : IDisposable
{
    public WorkerRig(IDelay? delay, Func<InMemoryAccountStore, IContactDispatcher>? dispatcher, params string[] accountIds)
    {
        Clock = new FakeClock(SamplePortfolio.Start);
        Delay = delay ?? new AutoAdvancingDelay(Clock);
        Store = new InMemoryAccountStore(accountIds.Select(SamplePortfolio.Account));
        Queue = new DueQueue<string>(Clock, Delay);
        Dispatcher = dispatcher?.Invoke(Store) ?? new LoggingContactDispatcher(Store, NullLogger<LoggingContactDispatcher>.Instance);
        Worker = new ContactWorker(SamplePortfolio.Engine(), Store, Dispatcher, Queue, Clock, Log);
    }

    public WorkerRig(params string[] accountIds)
        : this(null, null, accountIds)
    {
    }

    public FakeClock Clock { get; }

    public IDelay Delay { get; }

    public InMemoryAccountStore Store { get; }

    public DueQueue<string> Queue { get; }

    public IContactDispatcher Dispatcher { get; }

    public ListLogger<ContactWorker> Log { get; } = new();

    public ContactWorker Worker { get; }

    public Instant Now => Clock.GetCurrentInstant();

    /// <summary>The account's history as the store has it now.</summary>
    public IReadOnlyList<ContactAttempt> History(string accountId)
    {
        Assert.True(Store.TryGet(accountId, out var account));
        return account.History;
    }

    public void Dispose() => Worker.Dispose();
}
