using Cadence.Ledger;
using Cadence.Ledger.Sqlite;
using Cadence.Samples.Worker.Tests.Support;
using NodaTime;

namespace Cadence.Samples.Worker.Tests;

public sealed class WorkerLedgerTests : IDisposable
{
    private static readonly Instant Start = SamplePortfolio.Start;

    private readonly TemporaryFolder folder = new();

    [Fact]
    public async Task OpenAsync_NoFileYet_CreatesTheLedgerAndImportsEveryPersonsHistory()
    {
        var file = folder.File("worker.ledger.db");
        var persons = new InMemoryPersonStore([SamplePortfolio.Person("P-100"), SamplePortfolio.Person("PF-001")]);
        var ledger = new WorkerLedger(file, SamplePortfolio.LedgerPolicy);

        var opened = await ledger.OpenAsync(persons, Start, TestContext.Current.CancellationToken);

        Assert.True(File.Exists(file));
        Assert.Equal(new LedgerOpened(SqliteLedgerStore.SchemaVersion, 2, 2, 0), opened);
        Assert.Equal(SamplePortfolio.Person("P-100").History, await ledger.HistoryAsync("P-100", TestContext.Current.CancellationToken));
        Assert.Empty(await ledger.HistoryAsync("PF-001", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenAsync_SecondStartOnTheSameFile_ImportsNothingAgain()
    {
        var file = folder.File("worker.ledger.db");
        var persons = new InMemoryPersonStore([SamplePortfolio.Person("P-100")]);
        await new WorkerLedger(file, SamplePortfolio.LedgerPolicy).OpenAsync(persons, Start, TestContext.Current.CancellationToken);
        var again = new WorkerLedger(file, SamplePortfolio.LedgerPolicy);

        var opened = await again.OpenAsync(persons, Start + Duration.FromDays(1), TestContext.Current.CancellationToken);

        Assert.Equal(new LedgerOpened(SqliteLedgerStore.SchemaVersion, 1, 0, 0), opened);
        Assert.Equal(SamplePortfolio.Person("P-100").History, await again.HistoryAsync("P-100", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenAsync_ReservationAnEarlierRunLeftOpen_ExpiresItIntoAnAttemptOfUnknownOutcome()
    {
        var file = folder.File("worker.ledger.db");
        var persons = new InMemoryPersonStore([SamplePortfolio.Person("PF-001")]);
        var crashed = new WorkerLedger(file, SamplePortfolio.LedgerPolicy);
        await crashed.OpenAsync(persons, Start, TestContext.Current.CancellationToken);
        var reserved = await crashed.Ledger.ReserveAsync(SamplePortfolio.Person("PF-001"), Start, "crashed-run", TestContext.Current.CancellationToken);
        Assert.Equal(ReserveStatus.Reserved, reserved.Status);
        var restarted = new WorkerLedger(file, SamplePortfolio.LedgerPolicy);

        var opened = await restarted.OpenAsync(persons, Start + Duration.FromHours(1), TestContext.Current.CancellationToken);

        Assert.Equal(1, opened.Expired);
        Assert.Equal(
            [new ContactAttempt(Start, Channel.Email, ContactDirection.Outbound, ContactOutcome.Unknown, "email-pre-due") { ContactPointId = "email", AccountIds = ["PF-001"] }],
            await restarted.HistoryAsync("PF-001", TestContext.Current.CancellationToken));
        Assert.Equal(ReservationStatus.Expired, Assert.Single(await restarted.ReservationsAsync("PF-001", TestContext.Current.CancellationToken)).Status);
    }

    public void Dispose() => folder.Dispose();
}
