using Cadence.Json;
using Cadence.Ledger.Tests.Support;
using NodaTime;

namespace Cadence.Ledger.Tests;

/// <summary>
/// What every ledger store must do, proven through the ledger: a store's tests derive from this class and say how to
/// make an empty, initialised store.
/// </summary>
public abstract class LedgerStoreContractTests : IAsyncLifetime
{
    private static readonly byte[] Key = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

    private ILedgerStore? store;

    /// <summary>The store under test, empty and initialised.</summary>
    protected ILedgerStore Store => store ?? throw new InvalidOperationException("The store is made in InitializeAsync.");

    public async ValueTask InitializeAsync() => store = await CreateStoreAsync();

    public async ValueTask DisposeAsync()
    {
        await DisposeStoreAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Reserve_ContactDueNow_ReservesItOnItsPointAboutItsAccounts()
    {
        var result = await Ledger().ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        Assert.Equal(ReserveStatus.Reserved, result.Status);
        Assert.False(result.Repeated);
        var r = Assert.IsType<Reservation>(result.Reservation);
        Assert.Equal(("P-1", TestData.Now, TestData.Now + Duration.FromMinutes(15), Channel.Sms, "sms-overdue", "mobile", ReservationStatus.Open), (r.PersonId, r.At, r.ExpiresAt, r.Channel, r.StepId, r.ContactPointId, r.Status));
        Assert.Equal(["P-1-A"], r.AccountIds);
        Assert.Equal(result.DecisionId, r.DecisionId);
        Assert.Equal(r, await Store.GetReservationAsync(r.Id, Ct));
        Assert.Equal([new ReservationEvent(r.Id, TestData.Now, ReservationEventKind.Reserved)], await Store.GetEventsAsync(r.Id, Ct));
    }

    [Fact]
    public async Task Reserve_TwiceWithTheSameKey_ReturnsTheFirstResult()
    {
        var ledger = Ledger();
        var first = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        var again = await ledger.ReserveAsync(TestData.Person(), TestData.Now + Duration.FromMinutes(1), "k1", Ct);

        Assert.True(again.Repeated);
        Assert.Equal(first with { Repeated = true }, again);
    }

    [Fact]
    public async Task Reserve_RepeatedKeyAfterCompletion_ReturnsTheReservationAsItWasMade()
    {
        var ledger = Ledger();
        var first = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        await ledger.CompleteAsync(first.Reservation!.Id, ContactOutcome.Delivered, TestData.Now, Ct);

        var again = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        Assert.Equal(first.Reservation, again.Reservation);
    }

    [Fact]
    public async Task Reserve_RepeatedKeyAfterThePolicyChanged_ReturnsTheFirstResult()
    {
        var first = await Ledger().ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        var changed = new ContactLedger(Store, new LedgerPolicy(TestData.ConversationCapPolicyText));

        var again = await changed.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        Assert.Equal(first with { Repeated = true }, again);
    }

    [Fact]
    public async Task Reserve_EscalationDueNow_ReservesItAndServesItsStep()
    {
        var policy = new LedgerPolicy(TestData.PolicyText.Replace(
            "{ \"id\": \"sms-overdue\", \"channel\": \"sms\", \"template\": \"overdue-sms\",",
            "{ \"id\": \"agency\", \"escalation\": \"agency-placement\",",
            StringComparison.Ordinal).Replace(", \"repeatInterval\": \"24:00:00\"", string.Empty, StringComparison.Ordinal));
        var ledger = new ContactLedger(Store, policy);

        var first = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        await ledger.CompleteAsync(first.Reservation!.Id, ContactOutcome.Sent, TestData.Now, Ct);
        var second = await ledger.ReserveAsync(TestData.Person(), TestData.Now + Duration.FromDays(1), "k2", Ct);

        Assert.Equal((ReserveStatus.Reserved, DecisionKind.Escalate), (first.Status, first.Decision!.Value.Kind));
        Assert.Equal((Channel.None, "agency", (string?)null), (first.Reservation.Channel, first.Reservation.StepId, first.Reservation.ContactPointId));
        Assert.Equal(ReserveStatus.NotDue, second.Status);
        Assert.NotEqual(DecisionKind.Escalate, second.Decision!.Value.Kind);
    }

    [Fact]
    public async Task Reserve_EscalationListedBesideTheContact_ReservesEachAndASecondReserveDoesNotListItAgain()
    {
        var ledger = new ContactLedger(Store, TestData.EscalationBesidePolicy);
        var person = TestData.PersonOfTwoAccounts();

        var first = await ledger.ReserveAsync(person, TestData.Now, "k1", Ct);
        var again = await ledger.ReserveAsync(person, TestData.Now, "k1", Ct);
        var second = await ledger.ReserveAsync(person, TestData.Now + Duration.FromMinutes(1), "k2", Ct);

        Assert.Equal(ReserveStatus.Reserved, first.Status);
        var listed = Assert.Single(first.Decision!.Value.Escalations);
        var escalation = Assert.Single(first.Escalations);
        Assert.Equal((Channel.None, listed.Step!.Id, (string?)null, ReservationStatus.Open, first.DecisionId), (escalation.Channel, escalation.StepId, escalation.ContactPointId, escalation.Status, escalation.DecisionId));
        Assert.Equal(listed.AccountIds, escalation.AccountIds);
        Assert.NotEqual(first.Reservation!.Id, escalation.Id);
        Assert.Equal([first.Reservation, escalation], first.Reservations);
        Assert.Equal(first with { Repeated = true }, again);
        Assert.Empty(second.Escalations);
        Assert.DoesNotContain(second.Decision!.Value.Escalations, e => e.NotBefore <= TestData.Now + Duration.FromMinutes(1));
    }

    [Fact]
    public async Task Expire_EscalationListedBeside_BecomesAnAttemptOfUnknownOutcomeThatServesItsStep()
    {
        var ledger = new ContactLedger(Store, TestData.EscalationBesidePolicy);
        var person = TestData.PersonOfTwoAccounts();
        var first = await ledger.ReserveAsync(person, TestData.Now, "k1", Ct);
        await ledger.CompleteAsync(first.Reservation!.Id, ContactOutcome.Delivered, TestData.Now, Ct);

        var expired = await ledger.ExpireAsync(TestData.Now + Duration.FromHours(1), Ct);
        var later = await ledger.ReserveAsync(person, TestData.Now + Duration.FromDays(2), "k2", Ct);

        Assert.Equal(1, expired);
        Assert.Equal(ReservationStatus.Expired, (await ledger.GetReservationAsync(first.Escalations[0].Id, Ct))!.Status);
        Assert.Empty(later.Escalations);
    }

    [Fact]
    public async Task Expire_SeveralPersons_ExpiresEachOnesReservations()
    {
        var ledger = Ledger();
        var one = (await ledger.ReserveAsync(TestData.Person("P-1"), TestData.Now, "k1", Ct)).Reservation!;
        var two = (await ledger.ReserveAsync(TestData.Person("P-2"), TestData.Now + Duration.FromMinutes(1), "k2", Ct)).Reservation!;

        Assert.Equal(1, await ledger.ExpireAsync(one.ExpiresAt, Ct));
        Assert.Equal(1, await ledger.ExpireAsync(two.ExpiresAt, Ct));

        Assert.Equal(ReservationStatus.Expired, (await ledger.GetReservationAsync(one.Id, Ct))!.Status);
        Assert.Equal(ReservationStatus.Expired, (await ledger.GetReservationAsync(two.Id, Ct))!.Status);
    }

    [Fact]
    public async Task GetReservations_ReadsThePersonsReservationsWhateverTheirStatusOldestFirst()
    {
        var ledger = Ledger();
        var expired = (await ledger.ReserveAsync(TestData.Person("P-1"), TestData.Now, "k1", Ct)).Reservation!;
        var later = TestData.Now + Duration.FromHours(1);
        var open = (await ledger.ReserveAsync(TestData.Person("P-1"), later, "k2", Ct)).Reservation;
        await ledger.ReserveAsync(TestData.Person("P-2"), TestData.Now, "k3", Ct);

        var all = await Store.RunInPersonTransactionAsync("P-1", (tx, ct) => tx.GetReservationsAsync(ct), Ct);

        Assert.Equal(expired.Id, all[0].Id);
        Assert.Equal(ReservationStatus.Expired, all[0].Status);
        Assert.Equal(open is null ? 1 : 2, all.Count);
        Assert.All(all, r => Assert.Equal("P-1", r.PersonId));
    }

    [Fact]
    public async Task Reserve_KeyUsedForAnotherPerson_Throws()
    {
        var ledger = Ledger();
        await ledger.ReserveAsync(TestData.Person("P-1"), TestData.Now, "k1", Ct);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ledger.ReserveAsync(TestData.Person("P-2"), TestData.Now, "k1", Ct));

        Assert.StartsWith("The idempotency key 'k1' was already used for another person.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reserve_SecondForTheSamePerson_SeesTheFirstAndReservesNothing()
    {
        var ledger = Ledger();
        await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        var second = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k2", Ct);

        Assert.Equal(ReserveStatus.NotDue, second.Status);
        Assert.Null(second.Reservation);
        Assert.Equal(DecisionKind.Contact, second.Decision!.Value.Kind);
        Assert.Equal(TestData.Now + Duration.FromHours(24), second.Decision.Value.NotBefore);
    }

    [Fact]
    public async Task Reserve_AfterACompletedReservation_SeesItsAttempt()
    {
        var ledger = Ledger();
        var first = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        await ledger.CompleteAsync(first.Reservation!.Id, ContactOutcome.Delivered, TestData.Now + Duration.FromMinutes(1), Ct);

        var next = await ledger.ReserveAsync(TestData.Person(), TestData.Now + Duration.FromHours(1), "k2", Ct);

        Assert.Equal(ReserveStatus.NotDue, next.Status);
        Assert.Equal(TestData.Now + Duration.FromHours(24) + Duration.FromMinutes(1), next.Decision!.Value.NotBefore);
        var inputs = PersonJson.Read((await Store.GetDecisionAsync(next.DecisionId, Ct))!.InputsJson!).ToPerson()!;
        Assert.Equal([first.Reservation.ToAttempt(ContactOutcome.Delivered, TestData.Now + Duration.FromMinutes(1))], inputs.History);
    }

    [Fact]
    public async Task Reserve_AnotherPerson_IsNotHeldBackByTheFirst()
    {
        var ledger = Ledger();
        await ledger.ReserveAsync(TestData.Person("P-1"), TestData.Now, "k1", Ct);

        var other = await ledger.ReserveAsync(TestData.Person("P-2"), TestData.Now, "k2", Ct);

        Assert.Equal(ReserveStatus.Reserved, other.Status);
    }

    [Fact]
    public async Task Reserve_NothingOwed_StoresTheDecisionAndReservesNothing()
    {
        var paid = TestData.Person() is var p ? p with { Accounts = [p.Accounts[0] with { AmountDue = p.Accounts[0].AmountDue with { Amount = 0m } }] } : null!;

        var result = await Ledger().ReserveAsync(paid, TestData.Now, "k1", Ct);

        Assert.Equal(ReserveStatus.NotDue, result.Status);
        Assert.Null(result.Reservation);
        Assert.NotNull(await Store.GetDecisionAsync(result.DecisionId, Ct));
    }

    [Fact]
    public async Task Reserve_InvalidPerson_IsAnErrorAndReservesNothing()
    {
        var noAccounts = TestData.Person() with { Accounts = [] };

        var result = await Ledger().ReserveAsync(noAccounts, TestData.Now, "k1", Ct);

        Assert.Equal(ReserveStatus.Error, result.Status);
        Assert.Null(result.Reservation);
    }

    [Fact]
    public async Task Reserve_HostHistoryAlreadyHoldsTheLedgersAttempt_CountsItOnce()
    {
        var ledger = Ledger();
        var first = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        await ledger.CompleteAsync(first.Reservation!.Id, ContactOutcome.Delivered, TestData.Now, Ct);
        var attempt = first.Reservation.ToAttempt(ContactOutcome.Delivered, TestData.Now);

        var later = await ledger.ReserveAsync(TestData.Person() with { History = [attempt] }, TestData.Now + Duration.FromHours(25), "k2", Ct);

        Assert.Equal(ReserveStatus.Reserved, later.Status);
        var inputs = PersonJson.Read((await Store.GetDecisionAsync(later.DecisionId, Ct))!.InputsJson!).ToPerson()!;
        Assert.Equal([attempt], inputs.History);
    }

    [Fact]
    public async Task ReserveProposed_AllowedContact_ReservesIt()
    {
        var proposed = new ProposedContact(Channel.Sms, "mobile") { AccountIds = ["P-1-A"], StepId = "sms-overdue" };

        var result = await Ledger().ReserveAsync(TestData.Person(), proposed, TestData.Now, "k1", Ct);

        Assert.Equal(ReserveStatus.Reserved, result.Status);
        Assert.True(result.Check!.Allowed);
        Assert.Equal(("mobile", "sms-overdue"), (result.Reservation!.ContactPointId, result.Reservation.StepId));
    }

    [Fact]
    public async Task ReserveProposed_AfterAReservedContact_IsNotAllowedUntilTheRepeatInterval()
    {
        var ledger = Ledger();
        await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        var proposed = new ProposedContact(Channel.Sms, "mobile") { StepId = "sms-overdue" };

        var result = await ledger.ReserveAsync(TestData.Person(), proposed, TestData.Now + Duration.FromMinutes(5), "k2", Ct);

        Assert.Equal(ReserveStatus.NotAllowed, result.Status);
        Assert.Null(result.Reservation);
        Assert.Equal(TestData.Now + Duration.FromHours(24), result.Check!.EarliestAt);
    }

    [Fact]
    public async Task ReserveProposed_TwiceWithTheSameKey_ReturnsTheFirstResult()
    {
        var ledger = Ledger();
        var proposed = new ProposedContact(Channel.Sms, "mobile") { StepId = "sms-overdue" };
        var first = await ledger.ReserveAsync(TestData.Person(), proposed, TestData.Now, "k1", Ct);

        var again = await ledger.ReserveAsync(TestData.Person(), proposed, TestData.Now, "k1", Ct);

        Assert.Equal(first with { Repeated = true }, again);
    }

    [Fact]
    public async Task Complete_OpenReservation_RecordsTheAttemptAndIsIdempotent()
    {
        var ledger = Ledger();
        var r = (await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct)).Reservation!;
        var at = TestData.Now + Duration.FromMinutes(2);

        var done = await ledger.CompleteAsync(r.Id, ContactOutcome.Delivered, at, Ct);
        var again = await ledger.CompleteAsync(r.Id, ContactOutcome.Delivered, at, Ct);

        Assert.Equal(ReservationUpdateStatus.Done, done.Status);
        Assert.Equal((ReservationStatus.Completed, ContactOutcome.Delivered, at), (done.Reservation!.Status, done.Reservation.Outcome, done.Reservation.SettledAt));
        Assert.Equal(new ReservationUpdate(ReservationUpdateStatus.AlreadyDone, done.Reservation), again);
        Assert.Equal([ReservationEventKind.Reserved, ReservationEventKind.Completed], (await Store.GetEventsAsync(r.Id, Ct)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Complete_WithAnotherOutcomeAfterCompletion_IsRefused()
    {
        var ledger = Ledger();
        var r = (await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct)).Reservation!;
        await ledger.CompleteAsync(r.Id, ContactOutcome.Delivered, TestData.Now, Ct);

        var other = await ledger.CompleteAsync(r.Id, ContactOutcome.Failed, TestData.Now, Ct);

        Assert.Equal(ReservationUpdateStatus.Refused, other.Status);
        Assert.Equal($"Reservation {r.Id} was already completed with Delivered at {TestData.Now}.", other.Message);
    }

    [Fact]
    public async Task Complete_UnknownReservation_IsNotFound()
    {
        var result = await Ledger().CompleteAsync(404, ContactOutcome.Delivered, TestData.Now, Ct);

        Assert.Equal(new ReservationUpdate(ReservationUpdateStatus.NotFound, null, "There is no reservation 404."), result);
    }

    [Fact]
    public async Task Cancel_OpenReservation_FreesTheContactAndIsIdempotent()
    {
        var ledger = Ledger();
        var r = (await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct)).Reservation!;
        var at = TestData.Now + Duration.FromMinutes(1);

        var cancelled = await ledger.CancelAsync(r.Id, at, Ct);
        var again = await ledger.CancelAsync(r.Id, at + Duration.FromMinutes(1), Ct);
        var next = await ledger.ReserveAsync(TestData.Person(), at, "k2", Ct);

        Assert.Equal(ReservationUpdateStatus.Done, cancelled.Status);
        Assert.Equal(ReservationUpdateStatus.AlreadyDone, again.Status);
        Assert.Equal(cancelled.Reservation, again.Reservation);
        Assert.Equal(ReserveStatus.Reserved, next.Status);
    }

    [Fact]
    public async Task Cancel_CompletedReservation_IsRefused()
    {
        var ledger = Ledger();
        var r = (await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct)).Reservation!;
        await ledger.CompleteAsync(r.Id, ContactOutcome.Delivered, TestData.Now, Ct);

        var result = await ledger.CancelAsync(r.Id, TestData.Now, Ct);

        Assert.Equal(ReservationUpdateStatus.Refused, result.Status);
        Assert.Equal(ReservationStatus.Completed, result.Reservation!.Status);
    }

    [Fact]
    public async Task Expire_ReservationPastItsTimeToLive_BecomesAnAttemptOfUnknownOutcome()
    {
        var ledger = Ledger();
        var r = (await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct)).Reservation!;

        Assert.Equal(0, await ledger.ExpireAsync(r.ExpiresAt - Duration.Epsilon, Ct));
        Assert.Equal(1, await ledger.ExpireAsync(r.ExpiresAt, Ct));
        Assert.Equal(0, await ledger.ExpireAsync(r.ExpiresAt, Ct));

        var expired = await Store.GetReservationAsync(r.Id, Ct);
        Assert.Equal((ReservationStatus.Expired, ContactOutcome.Unknown, r.ExpiresAt), (expired!.Status, expired.Outcome, expired.SettledAt));
        var history = await Store.RunInPersonTransactionAsync("P-1", (tx, ct) => tx.GetAttemptsAsync(ct), Ct);
        Assert.Equal([r.ToAttempt(ContactOutcome.Unknown, r.At)], history);
    }

    [Fact]
    public async Task Expire_ExpiredReservation_StillCountsForTheNextReserve()
    {
        var ledger = Ledger();
        var r = (await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct)).Reservation!;

        var next = await ledger.ReserveAsync(TestData.Person(), r.ExpiresAt + Duration.FromHours(1), "k2", Ct);

        Assert.Equal(ReserveStatus.NotDue, next.Status);
        Assert.Equal(ReservationStatus.Expired, (await Store.GetReservationAsync(r.Id, Ct))!.Status);
        Assert.Equal(TestData.Now + Duration.FromHours(24), next.Decision!.Value.NotBefore);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(120)]
    public async Task Reserve_AfterAnOpenOrExpiredReservation_CountsItForACapOnConversations(int timeToLiveMinutes)
    {
        var ledger = new ContactLedger(Store, new LedgerPolicy(TestData.ConversationCapPolicyText), new LedgerOptions { ReservationTimeToLive = Duration.FromMinutes(timeToLiveMinutes) });
        await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        var next = await ledger.ReserveAsync(TestData.Person(), TestData.Now + Duration.FromHours(1), "k2", Ct);

        // Its outcome is unknown: it may have been a conversation, so it counts (fail closed).
        Assert.Equal(ReserveStatus.NotDue, next.Status);
        Assert.Equal(TestData.Now + Duration.FromHours(24), next.Decision!.Value.NotBefore);
    }

    [Fact]
    public async Task Reserve_AfterACompletedReservationThatWasNoConversation_IsAllowedOnceTheStepRepeats()
    {
        var ledger = new ContactLedger(Store, new LedgerPolicy(TestData.ConversationCapPolicyText));
        var first = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        await ledger.CompleteAsync(first.Reservation!.Id, ContactOutcome.Delivered, TestData.Now, Ct);

        var next = await ledger.ReserveAsync(TestData.Person(), TestData.Now + Duration.FromHours(1), "k2", Ct);

        Assert.Equal(ReserveStatus.Reserved, next.Status);
    }

    [Fact]
    public async Task Cancel_AfterExpiry_IsRefusedAndTheAttemptStays()
    {
        var ledger = Ledger();
        var r = (await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct)).Reservation!;

        var late = await ledger.CancelAsync(r.Id, r.ExpiresAt + Duration.FromMinutes(1), Ct);

        Assert.Equal(ReservationUpdateStatus.Refused, late.Status);
        Assert.Equal($"Reservation {r.Id} expired at {r.ExpiresAt} and counts as a contact of unknown outcome: a late cancel cannot prove it was not made (complete it if it was).", late.Message);
        Assert.Equal(ReservationStatus.Expired, late.Reservation!.Status);
    }

    [Fact]
    public async Task Complete_AfterExpiry_ReplacesTheUnknownAttemptAndKeepsBothInTheAudit()
    {
        var ledger = Ledger();
        var r = (await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct)).Reservation!;
        await ledger.ExpireAsync(r.ExpiresAt, Ct);
        var madeAt = TestData.Now + Duration.FromMinutes(3);

        var late = await ledger.CompleteAsync(r.Id, ContactOutcome.Delivered, madeAt, Ct);

        Assert.Equal(ReservationUpdateStatus.CompletedLate, late.Status);
        var history = await Store.RunInPersonTransactionAsync("P-1", (tx, ct) => tx.GetAttemptsAsync(ct), Ct);
        Assert.Equal([r.ToAttempt(ContactOutcome.Delivered, madeAt)], history);
        Assert.Equal(
            [new ReservationEvent(r.Id, r.At, ReservationEventKind.Reserved), new ReservationEvent(r.Id, r.ExpiresAt, ReservationEventKind.Expired, ContactOutcome.Unknown), new ReservationEvent(r.Id, madeAt, ReservationEventKind.CompletedLate, ContactOutcome.Delivered)],
            await Store.GetEventsAsync(r.Id, Ct));
    }

    [Fact]
    public async Task Audit_StoredDecision_HoldsEverythingAReplayNeeds()
    {
        var result = await Ledger().ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        var record = (await Store.GetDecisionAsync(result.DecisionId, Ct))!;

        Assert.Equal(("P-1", TestData.Now, LedgerOperation.Evaluate, TestData.Policy.Id, DateTimeZoneProviders.Tzdb.VersionId, ContactLedger.EngineVersion), (record.PersonId, record.Now, record.Operation, record.PolicyId, record.TzdbVersion, record.EngineVersion));
        Assert.Equal(DecisionJson.Write(result.Decision!.Value), record.ResultJson);
        Assert.Contains("\"explanation\"", record.ResultJson, StringComparison.Ordinal);
        Assert.Equal(TestData.Person(), PersonJson.Read(record.InputsJson!).ToPerson());
        Assert.Equal(TestData.Policy, await Store.GetPolicyAsync(record.PolicyId, Ct));
    }

    [Fact]
    public async Task Replay_StoredDecision_GivesTheSameDecision()
    {
        var ledger = Ledger();
        await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        var second = await ledger.ReserveAsync(TestData.Person(), TestData.Now + Duration.FromMinutes(1), "k2", Ct);

        var replay = await ledger.ReplayAsync(second.DecisionId, Ct);

        Assert.Equal(ReplayStatus.Same, replay.Status);
        Assert.Equal(replay.Stored, replay.Replayed);
    }

    [Fact]
    public async Task Replay_StoredCheck_GivesTheSameAnswer()
    {
        var ledger = Ledger();
        var result = await ledger.ReserveAsync(TestData.Person(), new ProposedContact(Channel.Sms, "mobile"), TestData.Now, "k1", Ct);

        var replay = await ledger.ReplayAsync(result.DecisionId, Ct);

        Assert.Equal(ReplayStatus.Same, replay.Status);
    }

    [Fact]
    public async Task Replay_UnknownDecision_IsRefused()
    {
        var replay = await Ledger().ReplayAsync(404, Ct);

        Assert.Equal(new ReplayResult(ReplayStatus.Refused, "There is no decision 404."), replay);
    }

    [Fact]
    public async Task Purge_InputsOlderThanTheRetention_AreRemovedAndReplayIsRefused()
    {
        var ledger = Ledger(LedgerOptions.Default with { InputRetention = Duration.FromDays(30) });
        var old = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        var recent = await ledger.ReserveAsync(TestData.Person(), TestData.Now + Duration.FromDays(20), "k2", Ct);
        var purgedAt = TestData.Now + Duration.FromDays(31);

        Assert.Equal(1, await ledger.PurgeAsync(purgedAt, Ct));

        var record = (await Store.GetDecisionAsync(old.DecisionId, Ct))!;
        Assert.Equal((null, purgedAt), (record.InputsJson, record.InputsPurgedAt));
        Assert.NotNull((await Store.GetDecisionAsync(recent.DecisionId, Ct))!.InputsJson);
        var replay = await ledger.ReplayAsync(old.DecisionId, Ct);
        Assert.Equal(ReplayStatus.Refused, replay.Status);
        Assert.Equal($"The inputs of decision {old.DecisionId} were purged at {purgedAt} (retention period): it cannot be evaluated again.", replay.Message);
    }

    [Fact]
    public async Task Erase_Person_PseudonymisesEveryRecordAndKeepsTheEvidence()
    {
        var ledger = Ledger(LedgerOptions.Default with { PseudonymKey = Key });
        var first = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        await ledger.CompleteAsync(first.Reservation!.Id, ContactOutcome.Delivered, TestData.Now, Ct);
        var second = await ledger.ReserveAsync(TestData.Person(), TestData.Now + Duration.FromHours(1), "k2", Ct);

        var pseudonym = await ledger.EraseAsync("P-1", TestData.Now + Duration.FromDays(1), Ct);

        var erasure = new Erasure(Key, "P-1");
        Assert.Equal(erasure.Pseudonym, pseudonym);
        Assert.StartsWith("erased-", pseudonym, StringComparison.Ordinal);
        foreach (var id in new[] { first.DecisionId, second.DecisionId })
        {
            var record = (await Store.GetDecisionAsync(id, Ct))!;
            Assert.Equal(pseudonym, record.PersonId);
            Assert.Equal(TestData.Now + Duration.FromDays(1), record.ErasedAt);
            foreach (var json in new[] { record.ResultJson, record.InputsJson! })
            {
                Assert.DoesNotContain("P-1", json, StringComparison.Ordinal);
                Assert.DoesNotContain("\"contactPointId\":\"mobile\"", json, StringComparison.Ordinal);
                Assert.DoesNotContain("\"id\":\"mobile\"", json, StringComparison.Ordinal);
            }
        }

        var reservation = (await Store.GetReservationAsync(first.Reservation.Id, Ct))!;
        Assert.Equal(pseudonym, reservation.PersonId);
        Assert.DoesNotContain("P-1-A", reservation.AccountIds);
        Assert.Equal((ReservationStatus.Completed, ContactOutcome.Delivered, Channel.Sms, "sms-overdue"), (reservation.Status, reservation.Outcome, reservation.Channel, reservation.StepId));
        var history = await Store.RunInPersonTransactionAsync(pseudonym, (tx, ct) => tx.GetAttemptsAsync(ct), Ct);
        Assert.Equal(ContactOutcome.Delivered, Assert.Single(history).Outcome);
        Assert.Empty(await Store.RunInPersonTransactionAsync("P-1", (tx, ct) => tx.GetAttemptsAsync(ct), Ct));
        Assert.Null(await Store.RunInPersonTransactionAsync(pseudonym, (tx, ct) => tx.FindRequestAsync("k1", ct), Ct));
        Assert.Equal(pseudonym, (await Store.RunInPersonTransactionAsync(pseudonym, (tx, ct) => tx.FindRequestAsync(erasure.Pseudonymise("k1"), ct), Ct))!.PersonId);
    }

    [Fact]
    public async Task Replay_AfterErasure_StillGivesTheSameDecision()
    {
        var ledger = Ledger(LedgerOptions.Default with { PseudonymKey = Key });
        await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        var second = await ledger.ReserveAsync(TestData.Person(), TestData.Now + Duration.FromMinutes(1), "k2", Ct);
        await ledger.EraseAsync("P-1", TestData.Now + Duration.FromDays(1), Ct);

        var replay = await ledger.ReplayAsync(second.DecisionId, Ct);

        Assert.Equal(replay.Stored, replay.Replayed);
        Assert.Equal(ReplayStatus.Same, replay.Status);
        Assert.EndsWith("ids are pseudonyms.", replay.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_WithoutAKey_Throws()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Ledger().EraseAsync("P-1", TestData.Now, Ct));

        Assert.Equal("Erasing a person needs LedgerOptions.PseudonymKey, the secret key pseudonyms are made with.", e.Message);
    }

    [Fact]
    public async Task Transaction_ThatThrows_IsRolledBack()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.RunInPersonTransactionAsync<int>(
            "P-1",
            async (tx, ct) =>
            {
                await tx.AddAttemptAsync(new ContactAttempt(TestData.Now, Channel.Sms), null, ct);
                throw new InvalidOperationException("boom");
            },
            Ct));

        Assert.Empty(await Store.RunInPersonTransactionAsync("P-1", (tx, ct) => tx.GetAttemptsAsync(ct), Ct));
    }

    [Fact]
    public async Task Transaction_AttemptsOfOnePerson_AreNotAnothers()
    {
        var attempt = new ContactAttempt(TestData.Now, Channel.Sms, ContactDirection.Outbound, ContactOutcome.Delivered, "s") { ContactPointId = "mobile", AccountIds = ["A", "B"] };
        await Store.RunInPersonTransactionAsync("P-1", async (tx, ct) => { await tx.AddAttemptAsync(attempt, null, ct); return 0; }, Ct);

        Assert.Equal([attempt], await Store.RunInPersonTransactionAsync("P-1", (tx, ct) => tx.GetAttemptsAsync(ct), Ct));
        Assert.Empty(await Store.RunInPersonTransactionAsync("P-2", (tx, ct) => tx.GetAttemptsAsync(ct), Ct));
    }

    [Fact]
    public async Task Initialize_Twice_ChangesNothing()
    {
        var result = await Ledger().ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);

        await Store.InitializeAsync(Ct);

        Assert.NotNull(await Store.GetDecisionAsync(result.DecisionId, Ct));
    }

    /// <summary>Makes an empty store and initialises it.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ILedgerStore> CreateStoreAsync();

    /// <summary>Disposes of what <see cref="CreateStoreAsync"/> made.</summary>
    /// <returns>A task.</returns>
    protected abstract ValueTask DisposeStoreAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ContactLedger Ledger(LedgerOptions? options = null) => new(Store, TestData.Policy, options);
}
