using Cadence.Explanations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>What the worker did with a person it took from the queue.</summary>
internal enum Handling
{
    /// <summary>
    /// The contact or escalation was due, or an escalation the decision lists on another account: each due action was
    /// dispatched and the person queued again at once.
    /// </summary>
    Dispatched,

    /// <summary>The contact or escalation is not due yet: the person is queued for its not-before instant.</summary>
    Deferred,

    /// <summary>Nothing may be done now (wait, or suppressed by a hold for a time): the person is queued for the review instant.</summary>
    Waiting,

    /// <summary>The dispatch failed: the person is queued again a little later.</summary>
    Retrying,

    /// <summary>Nothing will ever be due, the decision is an error, or a hold suppresses it until further notice: the person leaves the queue.</summary>
    Dropped,
}

/// <summary>One person taken from the queue: the decision made for them, what was done, and when they are due next.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="At">When it was evaluated, on the worker's clock.</param>
/// <param name="Decision">The decision.</param>
/// <param name="Handling">What was done.</param>
/// <param name="NextDue">When the person is due again; <see langword="null"/> when they were dropped.</param>
internal sealed record Processed(string PersonId, Instant At, Decision Decision, Handling Handling, Instant? NextDue);

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
/// Stopping (Ctrl+C, SIGTERM, or the host's run-for limit) cancels the wait for the next person at once; a person
/// already taken from the queue is evaluated and dispatched to the end, then the summary is logged.
/// </remarks>
internal sealed partial class ContactWorker(
    ICadenceEngine engine,
    IPersonStore store,
    IContactDispatcher dispatcher,
    DueQueue<string> queue,
    IClock clock,
    ILogger<ContactWorker> logger) : BackgroundService
{
    /// <summary>How long after a failed dispatch the person is tried again.</summary>
    public static readonly Duration RetryAfter = Duration.FromMinutes(5);

    /// <summary>When a wait gives no review instant (nothing due within the policy's horizon), how long until the person is looked at again.</summary>
    public static readonly Duration LookAgainAfter = Duration.FromDays(1);

    /// <summary>What the worker has done so far.</summary>
    public WorkerSummary Summary { get; } = new();

    /// <summary>Queues every person of the store, due at <paramref name="now"/>.</summary>
    /// <param name="now">When they are due: at once.</param>
    public void ScheduleAll(Instant now)
    {
        foreach (var personId in store.PersonIds)
        {
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
        ScheduleAll(start);
        LogStarted(logger, store.PersonIds.Count, start);
        try
        {
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

    /// <summary>Evaluates the person now and acts on their decision.</summary>
    private async Task<Processed> ProcessAsync(string personId)
    {
        var now = clock.GetCurrentInstant();
        if (!store.TryGet(personId, out var person))
        {
            LogUnknownPerson(logger, now, personId);
            return new Processed(personId, now, Decision.Failed(personId, ReasonCode.InvalidAccount, "The person is no longer in the store."), Handling.Dropped, null);
        }

        var decision = engine.Evaluate(person, now);
        Summary.Evaluated(decision);

        // What is due now: the decision's own contact or escalation, and the escalations it lists on other accounts.
        var due = new List<Decision>(1 + decision.Escalations.Count);
        if (decision.Kind is DecisionKind.Contact or DecisionKind.Escalate && decision.NotBefore is { } own && own <= now)
        {
            due.Add(decision);
        }

        due.AddRange(decision.Escalations.Where(e => e.NotBefore is { } at && at <= now));
        if (due.Count > 0)
        {
            foreach (var action in due)
            {
                try
                {
                    // No cancellation token: a contact under way is completed and recorded even when a stop was requested.
                    await dispatcher.DispatchAsync(person, action, now, CancellationToken.None);
                }
#pragma warning disable CA1031 // a failed dispatch must not stop the worker: it is logged and the person tried again later
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Summary.DispatchFailed();
                    LogDispatchFailed(logger, exception, now, personId, now + RetryAfter);
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
                return new Processed(personId, now, decision, Handling.Dropped, null);

            case DecisionKind.Error:
                LogError(logger, now, personId, decision.Error?.Code ?? ReasonCode.EvaluationFailed, decision.Error?.Message ?? "-");
                return new Processed(personId, now, decision, Handling.Dropped, null);

            default:
                LogNothingDue(logger, now, personId);
                return new Processed(personId, now, decision, Handling.Dropped, null);
        }

        // An escalation listed on another account, not due yet, brings the next look forward.
        Instant Earliest(Instant next)
            => decision.Escalations.Select(e => e.NotBefore ?? next).Append(next).Min();

        Processed Queue(Handling handling, Instant dueAt)
        {
            queue.Enqueue(personId, dueAt);
            return new Processed(personId, now, decision, handling, dueAt);
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

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "{Now} {PersonId}: the dispatch failed; trying again at {Retry}")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, Instant now, string personId, Instant retry);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "{Now} {PersonId}: no longer in the store, dropped")]
    private static partial void LogUnknownPerson(ILogger logger, Instant now, string personId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Stopped at {Now} after {Evaluations} evaluations: {Summary}; {Queued} persons queued, the next due at {NextDue}")]
    private static partial void LogStopped(ILogger logger, Instant now, int evaluations, WorkerSummary summary, int queued, string nextDue);
}
