using Cadence.Ledger;
using Cadence.Samples.Worker.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker.Tests;

public sealed class ContactWorkerTests
{
    private static readonly Instant Start = SamplePortfolio.Start;

    // PF-002 is in Honolulu, five days before its due date: the reminder e-mail may go at 08:00 there, 18:00 UTC.
    private static readonly Instant HonoluluEight = Instant.FromUtc(2026, 3, 9, 18, 0);

    [Fact]
    public async Task RunOnceAsync_ContactDueLater_IsDispatchedAtItsNotBeforeAndNeverEarlier()
    {
        var delay = new ManualDelay();
        using var rig = new WorkerRig(delay, null, "PF-002");
        rig.Worker.ScheduleAll(Start);

        var first = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Handling.Deferred, first.Handling);
        Assert.Equal(HonoluluEight, first.Decision.NotBefore);
        Assert.Equal(HonoluluEight, first.NextDue);

        var run = rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        var wait = await delay.NextAsync();
        Assert.Equal(Duration.FromMinutes(210), wait.Duration);

        // The timer fires a second early: nothing is sent, the worker waits out the second.
        rig.Clock.Advance(wait.Duration - Duration.FromSeconds(1));
        wait.End();
        var rest = await delay.NextAsync();
        Assert.Equal(Duration.FromSeconds(1), rest.Duration);
        Assert.False(run.IsCompleted);
        Assert.Empty(rig.History("PF-002"));

        rig.Clock.Advance(rest.Duration);
        rest.End();
        var second = await run;

        Assert.Equal(Handling.Dispatched, second.Handling);
        Assert.Equal(HonoluluEight, second.At);
        Assert.Equal(HonoluluEight, second.Decision.NotBefore);
        var attempt = Assert.Single(rig.History("PF-002"));
        Assert.Equal(new ContactAttempt(HonoluluEight, Channel.Email, ContactDirection.Outbound, ContactOutcome.Delivered, "email-pre-due") { ContactPointId = "email", AccountIds = ["PF-002"] }, attempt);
        Assert.Equal(1, rig.Worker.Summary.Contacts);
    }

    [Fact]
    public async Task RunOnceAsync_ContactDueNow_DispatchesItAndEvaluatesThePersonAgainAtOnce()
    {
        using var rig = new WorkerRig("PF-001");
        rig.Worker.ScheduleAll(Start);

        var dispatched = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        var after = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((Handling.Dispatched, Start, Start), (dispatched.Handling, dispatched.At, dispatched.NextDue));
        Assert.Equal(Start, Assert.Single(rig.History("PF-001")).At);

        // The reminder was sent; the next step is the text two days before the due date, 14 March in New York.
        Assert.Equal(Start, after.At);
        Assert.Equal(DecisionKind.Wait, after.Decision.Kind);
        Assert.Equal(Handling.Waiting, after.Handling);
        Assert.Equal(Instant.FromUtc(2026, 3, 12, 4, 0), after.NextDue);
    }

    [Fact]
    public async Task RunOnceAsync_Wait_ReEvaluatesThePersonWhenTheClockReachesTheirReviewInstant()
    {
        using var rig = new WorkerRig("PF-017");
        rig.Worker.ScheduleAll(Start);
        var reviewAt = Instant.FromUtc(2026, 4, 23, 4, 0); // midnight in New York, seven days before the due date

        var waiting = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        var reviewed = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((DecisionKind.Wait, Handling.Waiting, reviewAt), (waiting.Decision.Kind, waiting.Handling, waiting.NextDue));
        Assert.Equal(reviewAt, rig.Now);
        Assert.Equal(reviewAt, reviewed.At);
        Assert.Equal(DecisionKind.Contact, reviewed.Decision.Kind);
        Assert.Equal("email-pre-due", reviewed.Decision.Step?.Id);
        Assert.Equal(Handling.Deferred, reviewed.Handling);
        Assert.Equal(Instant.FromUtc(2026, 4, 23, 12, 0), reviewed.NextDue); // 08:00 in New York
        Assert.Equal([reviewAt - Start], ((AutoAdvancingDelay)rig.Delay).Requested);
    }

    [Fact]
    public async Task RunOnceAsync_ErrorDecision_IsLoggedAndThePersonIsNotQueuedAgain()
    {
        using var rig = new WorkerRig("PF-026", "PF-017");
        rig.Worker.ScheduleAll(Start);

        var error = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("PF-026", DecisionKind.Error, Handling.Dropped), (error.PersonId, error.Decision.Kind, error.Handling));
        Assert.Null(error.NextDue);
        Assert.Equal(1, rig.Queue.Count);
        Assert.True(rig.Queue.TryPeek(out var next, out _));
        Assert.Equal("PF-017", next);
        var (level, message) = Assert.Single(rig.Log.Entries, e => e.Message.Contains("PF-026", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, level);
        Assert.Equal("2026-03-09T14:30:00Z PF-026: error InvalidAccount: person 'PF-026': timeZoneIds[0] 'Mars/Olympus' is not a known IANA time zone; dropped", message);
        Assert.Equal(1, rig.Worker.Summary.Decisions(DecisionKind.Error));
    }

    [Theory]
    [InlineData("PF-024", DecisionKind.None)] // nothing owed
    [InlineData("PF-019", DecisionKind.Suppressed)] // cease-communication, until further notice
    public async Task RunOnceAsync_NothingWillEverBeDue_DropsThePerson(string personId, DecisionKind kind)
    {
        using var rig = new WorkerRig(personId);
        rig.Worker.ScheduleAll(Start);

        var processed = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((kind, Handling.Dropped), (processed.Decision.Kind, processed.Handling));
        Assert.Equal(0, rig.Queue.Count);
    }

    [Fact]
    public async Task RunOnceAsync_DispatchFails_LogsItAndTriesThePersonAgainLater()
    {
        using var rig = new WorkerRig(null, _ => new FailingDispatcher(), "PF-001");
        rig.Worker.ScheduleAll(Start);

        var processed = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((Handling.Retrying, Start + ContactWorker.RetryAfter), (processed.Handling, processed.NextDue));
        Assert.Equal(1, rig.Worker.Summary.FailedDispatches);
        Assert.Equal(0, rig.Worker.Summary.Contacts);
        Assert.Contains(rig.Log.Entries, e => e is { Level: LogLevel.Error, Message: "2026-03-09T14:30:00Z PF-001: the dispatch failed; trying again at 2026-03-09T14:35:00Z" });
    }

    [Fact]
    public async Task StopAsync_WhileWaitingForTheNextPerson_StopsAtOnceAndLogsTheSummary()
    {
        var delay = new ManualDelay();
        using var rig = new WorkerRig(delay, null, "PF-001", "PF-002", "PF-026");

        await rig.Worker.StartAsync(TestContext.Current.CancellationToken);
        var wait = await delay.NextAsync(); // every person due now is done; PF-002's e-mail is due at 18:00
        await rig.Worker.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(rig.Worker.ExecuteTask?.IsCompletedSuccessfully);
        Assert.True(wait.IsCancelled);
        Assert.Equal(Start, rig.Now);
        Assert.Equal(
            "Stopped at 2026-03-09T14:30:00Z after 4 evaluations: decisions Contact=2 Escalate=0 Wait=1 Suppressed=0 None=0 Error=1; "
            + "contacts made Email=1; escalations made 0; failed dispatches 0; 2 persons queued, the next due at 2026-03-09T18:00:00Z",
            rig.Log.Entries[^1].Message);
    }

    [Fact]
    public async Task StopAsync_DuringADispatch_LetsTheDispatchCompleteBeforeStopping()
    {
        GatedDispatcher? gated = null;
        using var rig = new WorkerRig(new ManualDelay(), _ => gated = new GatedDispatcher(), "PF-001");

        await rig.Worker.StartAsync(TestContext.Current.CancellationToken);
        await gated!.Entered.WaitAsync(TestContext.Current.CancellationToken);
        var stopping = rig.Worker.StopAsync(TestContext.Current.CancellationToken);

        Assert.False(stopping.IsCompleted);
        Assert.Empty(rig.History("PF-001"));

        gated.Release();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(rig.Worker.ExecuteTask?.IsCompletedSuccessfully);
        Assert.Single(rig.History("PF-001"));
        Assert.Equal(1, rig.Worker.Summary.Contacts);
        Assert.StartsWith("Stopped at 2026-03-09T14:30:00Z after 1 evaluations", rig.Log.Entries[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnceAsync_TwoAccountPerson_CallsOnTheChosenPointAboutOneAccountAndCarriesOutTheEscalationDueOnTheOther()
    {
        using var rig = new WorkerRig("P-100");
        rig.Worker.ScheduleAll(Start);

        var processed = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((Handling.Dispatched, Start), (processed.Handling, processed.NextDue));
        Assert.Equal(["CARD-1"], processed.Decision.AccountIds);
        Assert.Equal(
            [
                new ContactAttempt(Start, Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer, "call-overdue") { ContactPointId = "cell", AccountIds = ["CARD-1"] },
                new ContactAttempt(Start, Channel.None, ContactDirection.Outbound, ContactOutcome.Sent, "bureau-notice") { AccountIds = ["LOAN-2"] },
            ],
            rig.History("P-100").Skip(2));
        Assert.Equal((1, 1), (rig.Worker.Summary.Contacts, rig.Worker.Summary.Escalations));
    }

    [Fact]
    public async Task RunOnceAsync_TwoAccountPersonForTwoWeeks_MakesOnlyContactsTheEngineAllowsAtTheirInstant()
    {
        using var rig = new WorkerRig("P-100");
        var engine = SamplePortfolio.Engine();
        var initial = SamplePortfolio.Person("P-100");
        rig.Worker.ScheduleAll(Start);

        for (var i = 0; i < 500 && rig.Queue.TryPeek(out _, out var due) && due < Start + Duration.FromDays(14); i++)
        {
            await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        }

        // Every contact the worker made, checked against the history as it stood just before: caps, cooldowns and
        // windows at the person, each account it was about and its point all allowed it then.
        var made = rig.History("P-100").Skip(initial.History.Length).ToList();
        var contacts = made.Where(a => a.Channel != Channel.None).ToList();
        Assert.True(contacts.Count >= 3, $"only {contacts.Count} contacts in two weeks");
        Assert.All(contacts, a => Assert.NotNull(a.ContactPointId));
        Assert.All(contacts, a => Assert.NotEmpty(a.AccountIds));
        for (var i = 0; i < made.Count; i++)
        {
            if (made[i].Channel == Channel.None)
            {
                continue;
            }

            var before = initial with { History = [.. initial.History, .. made.Take(i)] };
            var proposed = new ProposedContact(made[i].Channel, made[i].ContactPointId) { AccountIds = made[i].AccountIds, StepId = made[i].StepId };
            var check = engine.Check(before, proposed, made[i].At);
            Assert.True(check.Allowed, $"contact {i} at {made[i].At} on {made[i].ContactPointId}: {check}");
        }
    }

    [Fact]
    public async Task RunOnceAsync_WithALedger_ReservesTheContactDispatchesItCompletesTheReservationAndSeesItThroughTheLedgerNext()
    {
        using var folder = new TemporaryFolder();
        using var rig = await WorkerRig.WithLedgerAsync(folder.File("worker.ledger.db"), null, "PF-001");
        rig.Worker.ScheduleAll(Start);

        var dispatched = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        var after = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((Handling.Dispatched, ReserveStatus.Reserved, "PF-001/start/2026-03-09T14:30:00Z"), (dispatched.Handling, dispatched.Reserve?.Status, dispatched.Key));
        var reservation = Assert.Single(await rig.ReservationsAsync("PF-001"));
        Assert.Equal((dispatched.Reserve?.Reservation?.Id, ReservationStatus.Completed, (ContactOutcome?)ContactOutcome.Delivered, (Instant?)Start), ((long?)reservation.Id, reservation.Status, reservation.Outcome, reservation.SettledAt));
        Assert.Equal(
            [new ContactAttempt(Start, Channel.Email, ContactDirection.Outbound, ContactOutcome.Delivered, "email-pre-due") { ContactPointId = "email", AccountIds = ["PF-001"] }],
            await rig.LedgerHistoryAsync("PF-001"));
        Assert.Empty(rig.History("PF-001")); // the ledger holds the history, the store the rest of the person

        // The next look follows the stored decision, and the ledger's history says the reminder was sent.
        Assert.Equal(ContactWorker.AfterKey("PF-001", dispatched.Reserve!.DecisionId), after.Key);
        Assert.Equal((ReserveStatus.NotDue, DecisionKind.Wait, Handling.Waiting), (after.Reserve?.Status, after.Decision.Kind, after.Handling));
        Assert.Equal(Instant.FromUtc(2026, 3, 12, 4, 0), after.NextDue);
        Assert.Equal((1, 1, 0, 0), (rig.Worker.Summary.Reserved, rig.Worker.Summary.Completed, rig.Worker.Summary.Cancelled, rig.Worker.Summary.AnsweredBefore));
        Assert.EndsWith("; reservations made 1, completed 1, cancelled 0, expired 0; answered before 0", rig.Worker.Summary.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_WithALedger_OpensTheLedgerAtStartAndCountsTheReservationsInTheSummary()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("worker.ledger.db");
        var delay = new ManualDelay();
        using var rig = await WorkerRig.WithLedgerAndDelayAsync(file, delay, "P-100", "PF-002");

        await rig.Worker.StartAsync(TestContext.Current.CancellationToken);
        await delay.NextAsync(); // P-100's call and escalation are made; PF-002's e-mail is due at 18:00
        await rig.Worker.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(rig.Worker.ExecuteTask?.IsCompletedSuccessfully);
        Assert.Equal($"Ledger {file} (schema version 1): 0 attempts imported from the histories of 2 persons, 0 reservations expired", rig.Log.Entries[0].Message);
        Assert.Equal(
            "Stopped at 2026-03-09T14:30:00Z after 3 evaluations: decisions Contact=3 Escalate=0 Wait=0 Suppressed=0 None=0 Error=0; "
            + "contacts made Call=1; escalations made 1; failed dispatches 0; reservations made 2, completed 2, cancelled 0, expired 0; answered before 0; "
            + "2 persons queued, the next due at 2026-03-09T18:00:00Z",
            rig.Log.Entries[^1].Message);
    }

    [Fact]
    public async Task StartAsync_LedgerFileThatIsNotADatabase_LogsItAndTheWorkerFailsWithoutLookingAtAnyone()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("worker.ledger.db");
        await File.WriteAllTextAsync(file, "These are not the records you are looking for.", TestContext.Current.CancellationToken);
        using var rig = WorkerRig.WithUnopenedLedger(file, new ManualDelay(), "PF-001");

        await rig.Worker.StartAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<SqliteException>(() => rig.Worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var (level, message) = Assert.Single(rig.Log.Entries);
        Assert.Equal(LogLevel.Critical, level);
        Assert.StartsWith($"The ledger {file} cannot be opened: SQLite Error 26", message, StringComparison.Ordinal);
        Assert.Equal(0, rig.Worker.Summary.Evaluations);
    }

    [Fact]
    public async Task ReserveAsync_RepeatedWithTheKeyTheWorkerUsed_ReturnsTheFirstAnswerAndReservesNothingMore()
    {
        using var folder = new TemporaryFolder();
        using var rig = await WorkerRig.WithLedgerAsync(folder.File("worker.ledger.db"), null, "PF-001");
        rig.Worker.ScheduleAll(Start);
        var first = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        var again = await rig.Ledger!.Ledger.ReserveAsync(SamplePortfolio.Person("PF-001"), Start + Duration.FromMinutes(1), first.Key!, TestContext.Current.CancellationToken);

        Assert.True(again.Repeated);
        Assert.Equal((ReserveStatus.Reserved, first.Reserve!.DecisionId, first.Reserve.Reservation!.Id), (again.Status, again.DecisionId, again.Reservation?.Id));
        Assert.Equal(first.Decision, again.Decision);
        Assert.Single(await rig.ReservationsAsync("PF-001"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunOnceAsync_WithALedgerAndADispatchThatThrowsOrIsDeclined_CancelsTheReservationAndRecordsNoAttempt(bool throws)
    {
        using var folder = new TemporaryFolder();
        using var rig = await WorkerRig.WithLedgerAsync(folder.File("worker.ledger.db"), _ => throws ? new FailingDispatcher() : new DecliningDispatcher(), "PF-001");
        rig.Worker.ScheduleAll(Start);

        var processed = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((Handling.Retrying, Start + ContactWorker.RetryAfter), (processed.Handling, processed.NextDue));
        var reservation = Assert.Single(await rig.ReservationsAsync("PF-001"));
        Assert.Equal((ReservationStatus.Cancelled, (Instant?)Start), (reservation.Status, reservation.SettledAt));
        Assert.Empty(await rig.LedgerHistoryAsync("PF-001"));
        Assert.Equal((1, 0, 1, 1), (rig.Worker.Summary.Reserved, rig.Worker.Summary.Completed, rig.Worker.Summary.Cancelled, rig.Worker.Summary.FailedDispatches));
        Assert.Contains(rig.Log.Entries, e => e is { Level: LogLevel.Error } && e.Message == $"2026-03-09T14:30:00Z PF-001: the dispatch {(throws ? "failed" : "was declined")}; trying again at 2026-03-09T14:35:00Z");

        // Five minutes later the e-mail is still due: the cancelled reservation does not count.
        var retry = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal((Start + ContactWorker.RetryAfter, ReserveStatus.Reserved, "email-pre-due"), (retry.At, retry.Reserve?.Status, retry.Decision.Step?.Id));
    }

    [Fact]
    public async Task RunOnceAsync_SecondWorkerOnTheSameLedgerFile_GetsTheFirstWorkersAnswersAndMakesNoContactAgain()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("worker.ledger.db");
        using var first = await WorkerRig.WithLedgerAsync(file, null, "P-100", "PF-001", "PF-010");
        using var second = await WorkerRig.WithLedgerAsync(file, null, "P-100", "PF-001", "PF-010");
        var until = Start + Duration.FromDays(3);
        first.Worker.ScheduleAll(Start);
        second.Worker.ScheduleAll(Start);

        // The two take turns, the first always a step ahead: the second asks with the same keys.
        while (first.Queue.TryPeek(out _, out var due) && due < until)
        {
            await first.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
            await second.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        }

        await second.RunUntilAsync(until);

        Assert.True(first.Worker.Summary.Contacts >= 5, $"only {first.Worker.Summary.Contacts} contacts in three days");
        Assert.Equal((0, 0, 0), (second.Worker.Summary.Contacts, second.Worker.Summary.Escalations, second.Worker.Summary.Reserved));
        Assert.True(second.Worker.Summary.AnsweredBefore >= first.Worker.Summary.Reserved);
        var made = 0;
        foreach (var personId in new[] { "P-100", "PF-001", "PF-010" })
        {
            var history = await first.LedgerHistoryAsync(personId);
            made += history.Count - SamplePortfolio.Person(personId).History.Length;
            Assert.Equal(history.Count, history.Distinct().Count());
            Assert.All(await first.ReservationsAsync(personId), r => Assert.Equal(ReservationStatus.Completed, r.Status));
        }

        Assert.Equal(first.Worker.Summary.Contacts + first.Worker.Summary.Escalations, made);
    }

    [Fact]
    public async Task RunOnceAsync_SecondWorkerAskingWhileTheFirstIsMakingTheContact_IsNotGivenItAndMakesNothing()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("worker.ledger.db");
        GatedDispatcher? gated = null;
        using var first = await WorkerRig.WithLedgerAsync(file, _ => gated = new GatedDispatcher(), "PF-001");
        using var second = await WorkerRig.WithLedgerAsync(file, null, "PF-001");
        first.Worker.ScheduleAll(Start);
        var making = first.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        await gated!.Entered.WaitAsync(TestContext.Current.CancellationToken);

        // A minute later, with a key of its own: the ledger counts the open reservation as an e-mail sent at 14:30.
        second.Clock.Advance(Duration.FromMinutes(1));
        second.Worker.ScheduleAll(second.Now);
        var asked = await second.Worker.RunOnceAsync(TestContext.Current.CancellationToken);
        gated.Release();
        var made = await making;

        Assert.Equal((ReserveStatus.NotDue, false, Handling.Waiting), (asked.Reserve?.Status, asked.Reserve?.Repeated, asked.Handling));
        Assert.Equal((ReserveStatus.Reserved, Handling.Dispatched), (made.Reserve?.Status, made.Handling));
        Assert.Equal(0, second.Worker.Summary.Contacts);
        var attempt = Assert.Single(await first.LedgerHistoryAsync("PF-001"));
        Assert.Equal((Start, ContactOutcome.Delivered), (attempt.At, attempt.Outcome));
    }

    [Fact]
    public async Task RunOnceAsync_ReservationLeftOpenPastItsTimeToLive_ExpiresIntoAnAttemptOfUnknownOutcomeThatIsNotMadeAgain()
    {
        using var folder = new TemporaryFolder();
        using var rig = await WorkerRig.WithLedgerAsync(folder.File("worker.ledger.db"), null, "PF-001");
        var abandoned = await rig.Ledger!.Ledger.ReserveAsync(SamplePortfolio.Person("PF-001"), Start, "a-worker-that-crashed", TestContext.Current.CancellationToken);
        rig.Clock.Advance(Duration.FromMinutes(20));
        rig.Worker.ScheduleAll(rig.Now);

        var processed = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ReservationStatus.Expired, (await rig.Ledger.Ledger.GetReservationAsync(abandoned.Reservation!.Id, TestContext.Current.CancellationToken))?.Status);
        Assert.Equal(1, rig.Worker.Summary.Expired);
        Assert.Contains(rig.Log.Entries, e => e.Message == "2026-03-09T14:50:00Z 1 reservations expired and now count as attempts of unknown outcome");
        Assert.NotEqual(Handling.Dispatched, processed.Handling);
        Assert.Equal(ContactOutcome.Unknown, Assert.Single(await rig.LedgerHistoryAsync("PF-001")).Outcome);
    }

    [Fact]
    public async Task RunOnceAsync_TwoAccountPersonWithALedger_ReservesAndCompletesTheCallAndTheEscalationBesideIt()
    {
        using var folder = new TemporaryFolder();
        using var rig = await WorkerRig.WithLedgerAsync(folder.File("worker.ledger.db"), null, "P-100");
        rig.Worker.ScheduleAll(Start);

        var processed = await rig.Worker.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal((Handling.Dispatched, ReserveStatus.Reserved, "call-overdue"), (processed.Handling, processed.Reserve?.Status, processed.Reserve?.Reservation?.StepId));
        Assert.Equal(
            [
                new ContactAttempt(Start, Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer, "call-overdue") { ContactPointId = "cell", AccountIds = ["CARD-1"] },
                new ContactAttempt(Start, Channel.None, ContactDirection.Outbound, ContactOutcome.Sent, "bureau-notice") { AccountIds = ["LOAN-2"] },
            ],
            (await rig.LedgerHistoryAsync("P-100")).Skip(2));
        var reservations = await rig.ReservationsAsync("P-100");
        Assert.Equal([("call-overdue", ReservationStatus.Completed), ("bureau-notice", ReservationStatus.Completed)], reservations.Select(r => (r.StepId, r.Status)));
        Assert.Equal(reservations[1].Id, Assert.Single(processed.Reserve!.Escalations).Id);
        Assert.Equal((1, 1, 2, 2), (rig.Worker.Summary.Contacts, rig.Worker.Summary.Escalations, rig.Worker.Summary.Reserved, rig.Worker.Summary.Completed));
    }

    [Fact]
    public async Task RunOnceAsync_SeveralPersonsThroughTheLedgerForTwoWeeks_MakesOnlyContactsTheEngineAllowsGivenTheLedgersHistory()
    {
        string[] personIds = ["P-100", "PF-001", "PF-005", "PF-009", "PF-010", "PF-013", "PF-022"];
        using var folder = new TemporaryFolder();
        using var rig = await WorkerRig.WithLedgerAsync(folder.File("worker.ledger.db"), null, personIds);
        var engine = SamplePortfolio.Engine();
        rig.Worker.ScheduleAll(Start);

        await rig.RunUntilAsync(Start + Duration.FromDays(14));

        // Every contact recorded in the ledger, checked against the ledger's history as it stood just before it: caps,
        // cooldowns and windows at the person, each account it was about and its point all allowed it then.
        var contacts = 0;
        foreach (var personId in personIds)
        {
            var initial = SamplePortfolio.Person(personId);
            var made = (await rig.LedgerHistoryAsync(personId)).Skip(initial.History.Length).ToList();
            Assert.All(made, a => Assert.NotEqual(ContactOutcome.Unknown, a.Outcome));
            for (var i = 0; i < made.Count; i++)
            {
                if (made[i].Channel == Channel.None)
                {
                    continue;
                }

                contacts++;
                var before = initial with { History = [.. initial.History, .. made.Take(i)] };
                var proposed = new ProposedContact(made[i].Channel, made[i].ContactPointId) { AccountIds = made[i].AccountIds, StepId = made[i].StepId };
                var check = engine.Check(before, proposed, made[i].At);
                Assert.True(check.Allowed, $"{personId}: contact {i} at {made[i].At} on {made[i].ContactPointId}: {check}");
            }

            Assert.All(await rig.ReservationsAsync(personId), r => Assert.Equal(ReservationStatus.Completed, r.Status));
        }

        Assert.True(contacts >= 15, $"only {contacts} contacts in two weeks");
        Assert.Equal(contacts, rig.Worker.Summary.Contacts);
    }

    private sealed class FailingDispatcher : IContactDispatcher
    {
        public ValueTask<ContactOutcome?> DispatchAsync(Person person, Decision action, Instant at, CancellationToken cancellationToken)
            => throw new InvalidOperationException("The e-mail gateway is down.");
    }

    /// <summary>A dispatcher that declines every contact: it makes nothing.</summary>
    private sealed class DecliningDispatcher : IContactDispatcher
    {
        public ValueTask<ContactOutcome?> DispatchAsync(Person person, Decision action, Instant at, CancellationToken cancellationToken)
            => ValueTask.FromResult<ContactOutcome?>(null);
    }

    /// <summary>The sample dispatcher, held at the gate until the test releases it.</summary>
    private sealed class GatedDispatcher : IContactDispatcher
    {
        private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly LoggingContactDispatcher inner = new(Microsoft.Extensions.Logging.Abstractions.NullLogger<LoggingContactDispatcher>.Instance);

        public Task Entered => entered.Task;

        public void Release() => gate.TrySetResult();

        public async ValueTask<ContactOutcome?> DispatchAsync(Person person, Decision action, Instant at, CancellationToken cancellationToken)
        {
            entered.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
            return await inner.DispatchAsync(person, action, at, cancellationToken);
        }
    }
}
