using Cadence.Ledger.Tests.Support;

namespace Cadence.Ledger.Tests;

/// <summary>Importing a history, and what <see cref="LedgerRecords"/> reads and does without a policy.</summary>
public sealed class LedgerRecordsTests : SqliteLedgerTest
{
    [Fact]
    public async Task ImportHistory_TheSameHistoryTwice_StoresItOnce()
    {
        var ledger = new ContactLedger(Store, TestData.Policy);
        var sent = new ContactAttempt(TestData.Now - NodaTime.Duration.FromDays(2), Channel.Sms, ContactDirection.Outbound, ContactOutcome.Delivered, "sms-overdue") { ContactPointId = "mobile" };
        var person = TestData.Person() with { History = [sent, sent with { At = sent.At + NodaTime.Duration.FromDays(1) }, sent] };

        var first = await ledger.ImportHistoryAsync(person, Ct);
        var second = await ledger.ImportHistoryAsync(person, Ct);
        var audit = await new LedgerRecords(Store).GetAuditAsync("P-1", Ct);

        Assert.Equal(3, first);
        Assert.Equal(0, second);
        Assert.Equal(person.History.OrderBy(a => a.At), audit.Attempts);
    }

    [Fact]
    public async Task ImportHistory_IsSeenByTheNextReserve()
    {
        var ledger = new ContactLedger(Store, TestData.Policy);
        var sent = new ContactAttempt(TestData.Now - NodaTime.Duration.FromHours(1), Channel.Sms, ContactDirection.Outbound, ContactOutcome.Delivered, "sms-overdue") { ContactPointId = "mobile" };
        await ledger.ImportHistoryAsync(TestData.Person() with { History = [sent] }, Ct);

        var result = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        Assert.Equal(ReserveStatus.NotDue, result.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Reserve_SameAttemptImportedTwice_CountsBothWhateverTheHostPasses(int copiesTheHostPasses)
    {
        // Two texts sent at the same instant on the same point: the same attempt twice, stored twice.
        var ledger = new ContactLedger(Store, new LedgerPolicy(TestData.TwoTextsADayPolicyText));
        var sent = new ContactAttempt(TestData.Now - NodaTime.Duration.FromHours(2), Channel.Sms, ContactDirection.Outbound, ContactOutcome.Delivered, "sms-overdue") { ContactPointId = "mobile" };
        Assert.Equal(2, await ledger.ImportHistoryAsync(TestData.Person() with { History = [sent, sent] }, Ct));

        var result = await ledger.ReserveAsync(TestData.Person() with { History = [.. Enumerable.Repeat(sent, copiesTheHostPasses)] }, TestData.Now, "k1", Ct);

        Assert.Equal(ReserveStatus.NotDue, result.Status);
        var inputs = (await Store.GetDecisionAsync(result.DecisionId, Ct))!.InputsJson!;
        Assert.Equal(2, Cadence.Json.PersonJson.Read(inputs).ToPerson()!.History.Length);
    }

    [Fact]
    public async Task GetAudit_AfterACompletedReservation_HoldsTheDecisionTheReservationItsEventsAndTheAttempt()
    {
        var ledger = new ContactLedger(Store, TestData.Policy);
        var reserved = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        await ledger.CompleteAsync(reserved.Reservation!.Id, ContactOutcome.Delivered, TestData.Now, Ct);

        var audit = await new LedgerRecords(Store).GetAuditAsync("P-1", Ct);

        Assert.False(audit.IsEmpty);
        Assert.Equal(reserved.DecisionId, Assert.Single(audit.Decisions).Id);
        Assert.Equal(ReservationStatus.Completed, Assert.Single(audit.Reservations).Status);
        Assert.Equal([ReservationEventKind.Reserved, ReservationEventKind.Completed], audit.Events.Select(e => e.Kind));
        Assert.Single(audit.Attempts);
        Assert.True((await new LedgerRecords(Store).GetAuditAsync("P-2", Ct)).IsEmpty);
    }

    [Fact]
    public async Task Erase_WithoutAKey_Throws()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => new LedgerRecords(Store).EraseAsync("P-1", TestData.Now, Ct));
    }

    [Fact]
    public async Task Erase_ThenReplay_IsTheSameAndTheRecordsAreUnderThePseudonym()
    {
        var reserved = await new ContactLedger(Store, TestData.Policy).ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        var records = new LedgerRecords(Store, new LedgerOptions { PseudonymKey = [1, 2, 3, 4] });

        var pseudonym = await records.EraseAsync("P-1", TestData.Now, Ct);

        Assert.Equal(ReplayStatus.Same, (await records.ReplayAsync(reserved.DecisionId, Ct)).Status);
        Assert.True((await records.GetAuditAsync("P-1", Ct)).IsEmpty);
        Assert.Single((await records.GetAuditAsync(pseudonym, Ct)).Decisions);
    }
}
