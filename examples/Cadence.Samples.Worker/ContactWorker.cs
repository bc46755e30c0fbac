using System.Collections.Concurrent;
using System.Globalization;
using Cadence.Explanations;
using Cadence.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Samples.Worker;

/// <summary>What the worker did with a person it took from the queue.</summary>
internal enum Handling
{
    /// <summary>
    /// The contact or escalation was due, or an escalation the decision lists on another account: each due action was
    /// dispatched and recorded, and the person queued again at once.
    /// </summary>
    Dispatched,

    /// <summary>The contact or escalation is not due yet: the person is queued for its not-before instant.</summary>
    Deferred,

    /// <summary>Nothing may be done now (wait, or suppressed by a hold for a time): the person is queued for the review instant.</summary>
    Waiting,

    /// <summary>The dispatch failed or was declined, or the ledger could not be reached: the person is queued again a little later.</summary>
    Retrying,

    /// <summary>
    /// The ledger had answered this reserve before (the same idempotency key, asked by another worker or an earlier
    /// run) with a reservation: nothing is made again, and the person is queued for when that reservation is settled.
    /// </summary>
    AnsweredBefore,

    /// <summary>Nothing will ever be due, the decision is an error, or a hold suppresses it until further notice: the person leaves the queue.</summary>
    Dropped,
}

/// <summary>One person taken from the queue: the decision made for them, what was done, and when they are due next.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="At">When it was evaluated, on the worker's clock.</param>
/// <param name="Decision">The decision.</param>
/// <param name="Handling">What was done.</param>
/// <param name="NextDue">When the person is due again; <see langword="null"/> when they were dropped.</param>
internal sealed record Processed(string PersonId, Instant At, Decision Decision, Handling Handling, Instant? NextDue)
{
    /// <summary>With a ledger: the reserve's answer (the stored decision's id, the reservation, whether it was answered before).</summary>
    public ReserveResult? Reserve { get; init; }

    /// <summary>With a ledger: the idempotency key the reserve was asked with.</summary>
    public string? Key { get; init; }
}

/// <summary>
/// Keeps every person of the store in a <see cref="DueQueue{T}"/> ordered by when their decision says to look again,
/// and evaluates each as a whole (every account, contact point and the shared history) when they fall due, on the
/// injected clock: a contact or an escalation whose not-before instant has come goes to the
/// <see cref="IContactDispatcher"/>, and so does each escalation the decision lists as due on the person's other
/// accounts; then the person is evaluated again at once (the attempts now in their history, the policy's next step,
/// caps and cooldowns decide when they are due next). A decision not yet due is queued for its not-before instant; a
/// wait or a suppression for a time for its review instant; nothing due ever, an error, or a suppression until further
/// notice drops the person (an error is logged).
/// </summary>
/// <remarks>
/// <para>
/// With a <see cref="WorkerLedger"/> (the default of the sample), every evaluation is a
/// <see cref="ContactLedger.ReserveAsync(Person, Instant, string, CancellationToken)"/>: the ledger merges its history
/// and open reservations into the person (the store's state without its history: the ledger holds it), decides,
/// reserves the contact or escalation due now and each escalation listed beside it that is due now
/// (<see cref="ReserveResult.Escalations"/>), and stores the decision. A reserved action is dispatched and then
/// completed with its outcome, or cancelled when the dispatch throws or is declined (with the actions after it). Each reserve's idempotency key names the look it is: the person
/// and the stored decision it follows (or the instant the worker started), so that the same request asked again (a
/// retry, or a second worker that started at the same instant and follows the same decisions) gets the first answer and
/// makes nothing again; a worker asking with keys of its own is kept from a contact already made or reserved by the
/// ledger's history and open reservations. Now and then expired reservations are turned into attempts of unknown
/// outcome (<see cref="ContactLedger.ExpireAsync"/>).
/// </para>
/// <para>
/// Without a ledger the worker evaluates with the engine and records each attempt in the store's history.
/// </para>
/// <para>
/// Stopping (Ctrl+C, SIGTERM, or the host's run-for limit) cancels the wait for the next person at once; a person
/// already taken from the queue is evaluated, dispatched and recorded to the end, then the summary is logged.
/// </para>
/// </remarks>
internal sealed partial class ContactWorker(
    ICadenceEngine engine,
    IPersonStore store,
    IContactDispatcher dispatcher,
    DueQueue<string> queue,
    IClock clock,
    ILogger<ContactWorker> logger,
    WorkerLedger? ledger = null) : BackgroundService
{
    /// <summary>How long after a failed dispatch the person is tried again.</summary>
    public static readonly Duration RetryAfter = Duration.FromMinutes(5);

    /// <summary>When a wait gives no review instant (nothing due within the policy's horizon), how long until the person is looked at again.</summary>
    public static readonly Duration LookAgainAfter = Duration.FromDays(1);

    /// <summary>With a ledger: how often, at most, expired reservations are looked for (on the worker's clock, when a person is looked at).</summary>
    public static readonly Duration ExpireEvery = Duration.FromMinutes(1);

    // The idempotency key of each queued person's next reserve. A person is in the queue once at most.
    private readonly ConcurrentDictionary<string, string> keys = new(StringComparer.Ordinal);
    private Instant nextExpiry = Instant.MinValue;

    /// <summary>What the worker has done so far.</summary>
    public WorkerSummary Summary { get; } = new(ledger is not null);

    /// <summary>The idempotency key of the first reserve for a person the worker looks at from <paramref name="start"/>.</summary>
    /// <param name="personId">The person.</param>
    /// <param name="start">When the worker started.</param>
    /// <returns>The key, e.g. <c>P-100/start/2026-03-09T14:30:00Z</c>.</returns>
    public static string StartKey(string personId, Instant start)
        => $"{personId}/start/{InstantPattern.ExtendedIso.Format(start)}";

    /// <summary>The idempotency key of the reserve that follows the stored decision <paramref name="decisionId"/>.</summary>
    /// <param name="personId">The person.</param>
    /// <param name="decisionId">The ledger's id of the person's last decision.</param>
    /// <returns>The key, e.g. <c>P-100/after/41</c>.</returns>
    public static string AfterKey(string personId, long decisionId)
        => string.Create(CultureInfo.InvariantCulture, $"{personId}/after/{decisionId}");

    /// <summary>Queues every person of the store, due at <paramref name="now"/>.</summary>
    /// <param name="now">When they are due: at once.</param>
    public void ScheduleAll(Instant now)
    {
        foreach (var personId in store.PersonIds)
        {
            keys[personId] = StartKey(personId, now);
            queue.Enqueue(personId, now);
        }
    }

    /// <summary>Waits for the next person to fall due and handles them.</summary>
    /// <param name="cancellationToken">Stops the wait; once a person is taken, they are handled to the end.</param>
    /// <returns>What was done.</returns>
    public async Task<Processed> RunOnceAsync(CancellationToken cancellationToken)
    {
        var personId = await queue.DequeueWhenDueAsync(cancellationToken);
        return await ProcessAsync(personId);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = clock.GetCurrentInstant();
        try
        {
            if (ledger is not null)
            {
                LedgerOpened opened;
                try
                {
                    opened = await ledger.OpenAsync(store, start, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The worker cannot go on without its ledger: the host stops, and the program exits with 1.
                    LogLedgerUnavailable(logger, exception, ledger.FilePath, exception.Message);
                    throw;
                }

                Summary.ReservationsExpired(opened.Expired);
                nextExpiry = start + ExpireEvery;
                LogLedgerOpened(logger, ledger.FilePath, opened.SchemaVersion, opened.Imported, opened.Persons, opened.Expired);
            }

            ScheduleAll(start);
            LogStarted(logger, store.PersonIds.Count, start);
            while (true)
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        var next = queue.TryPeek(out _, out var due) ? due.ToString() : "-";
        LogStopped(logger, clock.GetCurrentInstant(), Summary.Evaluations, Summary, queue.Count, next);
    }

    /// <summary>The attempt a made contact or escalation stands for, on its point about its accounts.</summary>
    private static ContactAttempt AttemptOf(in Decision action, ContactOutcome outcome, Instant at)
        => new(at, action.Channel ?? Channel.None, ContactDirection.Outbound, outcome, action.Step?.Id)
        {
            ContactPointId = action.ContactPointId,
            AccountIds = action.AccountIds,
        };

    /// <summary>Evaluates the person now (through the ledger when there is one) and acts on their decision.</summary>
    private async Task<Processed> ProcessAsync(string personId)
    {
        var now = clock.GetCurrentInstant();
        if (!store.TryGet(personId, out var person))
        {
            keys.TryRemove(personId, out _);
            LogUnknownPerson(logger, now, personId);
            return new Processed(personId, now, Decision.Failed(personId, ReasonCode.InvalidAccount, "The person is no longer in the store."), Handling.Dropped, null);
        }

        Decision decision;
        ReserveResult? reserve = null;
        string? key = null;
        if (ledger is null)
        {
            decision = engine.Evaluate(person, now);
        }
        else
        {
            key = keys.GetValueOrDefault(personId) ?? StartKey(personId, now);
            try
            {
                await ExpireIfDueAsync(ledger, now);

                // The ledger holds the history (imported at start): the person's other state comes from the store.
                // No cancellation token: a person taken from the queue is handled to the end.
                reserve = await ledger.Ledger.ReserveAsync(person with { History = [] }, now, key, CancellationToken.None);
            }
#pragma warning disable CA1031 // a ledger that cannot be reached must not stop the worker: the person is tried again later, with the same key
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogLedgerFailed(logger, exception, now, personId, now + RetryAfter);
                queue.Enqueue(personId, now + RetryAfter);
                return new Processed(personId, now, Decision.Failed(personId, ReasonCode.EvaluationFailed, exception.Message), Handling.Retrying, now + RetryAfter) { Key = key };
            }

            keys[personId] = AfterKey(personId, reserve.DecisionId);
            decision = reserve.Decision ?? Decision.Failed(personId, ReasonCode.EvaluationFailed, "The ledger gave no decision.");
        }

        Summary.Evaluated(decision);
        if (reserve is { Repeated: true })
        {
            Summary.ReserveAnsweredBefore();
            if (reserve.Reservation is { } earlier)
            {
                // Someone else asked first and holds (or held) the reservation: nothing is made again. Look again once it
                // is settled: completed or cancelled now, or by its expiry at the latest.
                Reservation? current;
                try
                {
                    current = await ledger!.Ledger.GetReservationAsync(earlier.Id, CancellationToken.None);
                }
#pragma warning disable CA1031 // not knowing where the reservation stands, wait for its expiry
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    LogLedgerFailed(logger, exception, now, personId, earlier.ExpiresAt);
                    current = earlier;
                }

                var settled = current is { Status: ReservationStatus.Open } open && open.ExpiresAt > now ? open.ExpiresAt : now;
                LogAnsweredBefore(logger, now, personId, key!, earlier.Id, current?.Status ?? ReservationStatus.Open, settled);
                return Queue(Handling.AnsweredBefore, settled);
            }
        }

        // What is due now: the decision's own contact or escalation (reserved, with a ledger), and the escalations it
        // lists on other accounts. An answer given before was acted on by whoever asked first.
        var due = new List<(Decision Action, Reservation? Held)>(1 + decision.Escalations.Count);
        if (reserve is null ? decision.Kind is DecisionKind.Contact or DecisionKind.Escalate && decision.NotBefore is { } own && own <= now
            : reserve is { Status: ReserveStatus.Reserved, Repeated: false, Reservation: not null })
        {
            due.Add((decision, reserve?.Reservation));
            if (reserve is not null)
            {
                Summary.ReservationMade();
            }
        }

        if (reserve is null)
        {
            due.AddRange(decision.Escalations.Where(e => e.NotBefore is { } at && at <= now).Select(e => (e, (Reservation?)null)));
        }
        else if (reserve is { Status: ReserveStatus.Reserved, Repeated: false })
        {
            // The ledger reserved each escalation listed as due now beside the decision's own action, one reservation each.
            foreach (var held in reserve.Escalations)
            {
                due.Add((decision.Escalations.First(e => e.Step?.Id == held.StepId && e.AccountIds.SequenceEqual(held.AccountIds)), held));
                Summary.ReservationMade();
            }
        }

        if (due.Count > 0)
        {
            for (var i = 0; i < due.Count; i++)
            {
                var (action, held) = due[i];
                ContactOutcome? outcome;
                Exception? failure = null;
                try
                {
                    // No cancellation token: a contact under way is completed and recorded even when a stop was requested.
                    outcome = await dispatcher.DispatchAsync(person, action, now, CancellationToken.None);
                }
#pragma warning disable CA1031 // a failed dispatch must not stop the worker: it is logged and the person tried again later
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    outcome = null;
                    failure = exception;
                }

                if (outcome is not { } made)
                {
                    Summary.DispatchFailed();
                    LogDispatchFailed(logger, failure, now, personId, failure is null ? "was declined" : "failed", now + RetryAfter);

                    // Neither this action nor those after it were made: their reservations stop counting.
                    foreach (var (_, notMade) in due.Skip(i))
                    {
                        if (notMade is not null)
                        {
                            await CancelAsync(notMade, now);
                        }
                    }

                    return Queue(Handling.Retrying, now + RetryAfter);
                }

                if (!await RecordAsync(person, action, held, made, now))
                {
                    return Queue(Handling.Retrying, now + RetryAfter);
                }

                Summary.Dispatched(action);
            }

            return Queue(Handling.Dispatched, now);
        }

        switch (decision.Kind)
        {
            case DecisionKind.Contact or DecisionKind.Escalate when decision.NotBefore is { } notBefore:
                LogDeferred(logger, now, personId, decision.Channel?.ToString() ?? decision.Step?.EscalationKind, decision.Step?.Id, notBefore);
                return Queue(Handling.Deferred, Earliest(notBefore));

            case DecisionKind.Wait:
                var review = Earliest(decision.ReviewAt ?? now + LookAgainAfter);
                LogWaiting(logger, now, personId, review);
                return Queue(Handling.Waiting, review);

            case DecisionKind.Suppressed when decision.ReviewAt is { } until:
                LogSuppressed(logger, now, personId, decision.SuppressedBy?.ToString() ?? "-", until);
                return Queue(Handling.Waiting, Earliest(until));

            case DecisionKind.Suppressed:
                LogSuppressedIndefinitely(logger, now, personId, decision.SuppressedBy?.ToString() ?? "-");
                return Drop();

            case DecisionKind.Error:
                LogError(logger, now, personId, decision.Error?.Code ?? ReasonCode.EvaluationFailed, decision.Error?.Message ?? "-");
                return Drop();

            default:
                LogNothingDue(logger, now, personId);
                return Drop();
        }

        // An escalation listed on another account, not due yet, brings the next look forward.
        Instant Earliest(Instant next)
            => decision.Escalations.Select(e => e.NotBefore ?? next).Append(next).Min();

        Processed Queue(Handling handling, Instant dueAt)
        {
            queue.Enqueue(personId, dueAt);
            return new Processed(personId, now, decision, handling, dueAt) { Reserve = reserve, Key = key };
        }

        Processed Drop()
        {
            keys.TryRemove(personId, out _);
            return new Processed(personId, now, decision, Handling.Dropped, null) { Reserve = reserve, Key = key };
        }
    }

    /// <summary>
    /// Records a contact or escalation that was made: with a ledger, completes its reservation (the ledger reserves the
    /// decision's own action and each escalation listed beside it); without one, appends it to the store's history.
    /// </summary>
    /// <returns><see langword="false"/> when the ledger could not record it (logged; a reservation left open expires into an attempt of unknown outcome).</returns>
    private async Task<bool> RecordAsync(Person person, Decision action, Reservation? held, ContactOutcome outcome, Instant at)
    {
        var attempt = AttemptOf(action, outcome, at);
        if (ledger is null)
        {
            store.AppendAttempt(person.PersonId, attempt);
            return true;
        }

        if (held is null)
        {
            throw new InvalidOperationException($"A contact made for {person.PersonId} through the ledger has no reservation.");
        }

        try
        {
            var update = await ledger.Ledger.CompleteAsync(held.Id, outcome, at, CancellationToken.None);
            if (update.Status is ReservationUpdateStatus.Done or ReservationUpdateStatus.AlreadyDone or ReservationUpdateStatus.CompletedLate)
            {
                Summary.ReservationCompleted();
                return true;
            }

            LogNotRecorded(logger, null, at, person.PersonId, held.Id, update.Message ?? update.Status.ToString());
            return false;
        }
#pragma warning disable CA1031 // the contact was made: the worker goes on, and the open reservation fails closed when it expires
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogNotRecorded(logger, exception, at, person.PersonId, held.Id, exception.Message);
            return false;
        }
    }

    /// <summary>Cancels a reservation whose contact was not made.</summary>
    private async Task CancelAsync(Reservation held, Instant now)
    {
        try
        {
            var update = await ledger!.Ledger.CancelAsync(held.Id, now, CancellationToken.None);
            if (update.Status is ReservationUpdateStatus.Done or ReservationUpdateStatus.AlreadyDone)
            {
                Summary.ReservationCancelled();
                LogCancelled(logger, now, held.PersonId, held.Id);
                return;
            }

            LogNotCancelled(logger, null, now, held.PersonId, held.Id, update.Message ?? update.Status.ToString());
        }
#pragma warning disable CA1031 // the reservation then expires and counts as an attempt of unknown outcome: fail closed
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogNotCancelled(logger, exception, now, held.PersonId, held.Id, exception.Message);
        }
    }

    /// <summary>Expires the reservations past their time to live, at most once every <see cref="ExpireEvery"/>.</summary>
    private async Task ExpireIfDueAsync(WorkerLedger open, Instant now)
    {
        if (now < nextExpiry)
        {
            return;
        }

        nextExpiry = now + ExpireEvery;
        if (await open.Ledger.ExpireAsync(now, CancellationToken.None) is > 0 and var expired)
        {
            Summary.ReservationsExpired(expired);
            LogExpired(logger, now, expired);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Watching {Count} persons from {Start}; Ctrl+C stops")]
    private static partial void LogStarted(ILogger logger, int count, Instant start);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Now} {PersonId}: {Channel} for step {Step} not before {NotBefore}")]
    private static partial void LogDeferred(ILogger logger, Instant now, string personId, string? channel, string? step, Instant notBefore);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Now} {PersonId}: nothing due now, review at {ReviewAt}")]
    private static partial void LogWaiting(ILogger logger, Instant now, string personId, Instant reviewAt);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{Now} {PersonId}: suppressed by {Hold}, review at {ReviewAt}")]
    private static partial void LogSuppressed(ILogger logger, Instant now, string personId, string hold, Instant reviewAt);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Now} {PersonId}: suppressed by {Hold} until further notice, dropped")]
    private static partial void LogSuppressedIndefinitely(ILogger logger, Instant now, string personId, string hold);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Now} {PersonId}: nothing will be due, dropped")]
    private static partial void LogNothingDue(ILogger logger, Instant now, string personId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "{Now} {PersonId}: error {Code}: {Message}; dropped")]
    private static partial void LogError(ILogger logger, Instant now, string personId, ReasonCode code, string message);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "{Now} {PersonId}: the dispatch {Failed}; trying again at {Retry}")]
    private static partial void LogDispatchFailed(ILogger logger, Exception? exception, Instant now, string personId, string failed, Instant retry);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "{Now} {PersonId}: no longer in the store, dropped")]
    private static partial void LogUnknownPerson(ILogger logger, Instant now, string personId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Stopped at {Now} after {Evaluations} evaluations: {Summary}; {Queued} persons queued, the next due at {NextDue}")]
    private static partial void LogStopped(ILogger logger, Instant now, int evaluations, WorkerSummary summary, int queued, string nextDue);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Ledger {File} (schema version {Version}): {Imported} attempts imported from the histories of {Persons} persons, {Expired} reservations expired")]
    private static partial void LogLedgerOpened(ILogger logger, string file, int version, int imported, int persons, int expired);

    [LoggerMessage(EventId = 18, Level = LogLevel.Critical, Message = "The ledger {File} cannot be opened: {Message}")]
    private static partial void LogLedgerUnavailable(ILogger logger, Exception exception, string file, string message);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "{Now} {PersonId}: answered before ({Key}): reservation {ReservationId} is {Status}, nothing made again; looking again at {Next}")]
    private static partial void LogAnsweredBefore(ILogger logger, Instant now, string personId, string key, long reservationId, ReservationStatus status, Instant next);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "{Now} {PersonId}: reservation {ReservationId} cancelled, its contact was not made")]
    private static partial void LogCancelled(ILogger logger, Instant now, string personId, long reservationId);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "{Now} {PersonId}: the ledger cannot be reached; trying again at {Retry}")]
    private static partial void LogLedgerFailed(ILogger logger, Exception exception, Instant now, string personId, Instant retry);

    [LoggerMessage(EventId = 15, Level = LogLevel.Error, Message = "{At} {PersonId}: the contact was made but not recorded (reservation {ReservationId}): {Message}; an open reservation expires into an attempt of unknown outcome")]
    private static partial void LogNotRecorded(ILogger logger, Exception? exception, Instant at, string personId, long? reservationId, string message);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "{Now} {PersonId}: reservation {ReservationId} could not be cancelled: {Message}; it keeps counting (fail closed)")]
    private static partial void LogNotCancelled(ILogger logger, Exception? exception, Instant now, string personId, long reservationId, string message);

    [LoggerMessage(EventId = 17, Level = LogLevel.Information, Message = "{Now} {Count} reservations expired and now count as attempts of unknown outcome")]
    private static partial void LogExpired(ILogger logger, Instant now, int count);
}
