using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;

namespace Cadence.Samples.Worker.Tests.Support;

/// <summary>A <see cref="ContactWorker"/> over persons of the samples (<see cref="SamplePortfolio.Person"/>), on a fake clock, with the sample dispatcher unless told otherwise.</summary>
internal sealed class WorkerRig : IDisposable
{
    public WorkerRig(IDelay? delay, Func<InMemoryPersonStore, IContactDispatcher>? dispatcher, params string[] personIds)
    {
        Clock = new FakeClock(SamplePortfolio.Start);
        Delay = delay ?? new AutoAdvancingDelay(Clock);
        Store = new InMemoryPersonStore(personIds.Select(SamplePortfolio.Person));
        Queue = new DueQueue<string>(Clock, Delay);
        Dispatcher = dispatcher?.Invoke(Store) ?? new LoggingContactDispatcher(Store, NullLogger<LoggingContactDispatcher>.Instance);
        Worker = new ContactWorker(SamplePortfolio.Engine(), Store, Dispatcher, Queue, Clock, Log);
    }

    public WorkerRig(params string[] personIds)
        : this(null, null, personIds)
    {
    }

    public FakeClock Clock { get; }

    public IDelay Delay { get; }

    public InMemoryPersonStore Store { get; }

    public DueQueue<string> Queue { get; }

    public IContactDispatcher Dispatcher { get; }

    public ListLogger<ContactWorker> Log { get; } = new();

    public ContactWorker Worker { get; }

    public Instant Now => Clock.GetCurrentInstant();

    /// <summary>The person's history as the store has it now.</summary>
    public IReadOnlyList<ContactAttempt> History(string personId)
    {
        Assert.True(Store.TryGet(personId, out var person));
        return person.History;
    }

    public void Dispose() => Worker.Dispose();
}
