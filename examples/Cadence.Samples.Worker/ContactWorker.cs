using Cadence.Explanations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>What the worker did with an account it took from the queue.</summary>
internal enum Handling
{
    /// <summary>The contact or escalation was due: it was dispatched and the account queued again at once.</summary>
    Dispatched,

    /// <summary>The contact or escalation is not due yet: the account is queued for its not-before instant.</summary>
    Deferred,

    /// <summary>Nothing may be done now (wait, or suppressed by a hold for a time): the account is queued for the review instant.</summary>
    Waiting,

    /// <summary>The dispatch failed: the account is queued again a little later.</summary>
    Retrying,

    /// <summary>Nothing will ever be due, the decision is an error, or a hold suppresses it until further notice: the account leaves the queue.</summary>
    Dropped,
}

/// <summary>One account taken from the queue: the decision made for it, what was done, and when it is due next.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="At">When it was evaluated, on the worker's clock.</param>
/// <param name="Decision">The decision.</param>
/// <param name="Handling">What was done.</param>
/// <param name="NextDue">When the account is due again; <see langword="null"/> when it was dropped.</param>
internal sealed record Processed(string AccountId, Instant At, Decision Decision, Handling Handling, Instant? NextDue);

/// <summary>
/// Keeps every account of the store in a <see cref="DueQueue{T}"/> ordered by when its decision says to look again,
/// and evaluates each when it falls due, on the injected clock: a contact or an escalation whose not-before instant
/// has come goes to the <see cref="IContactDispatcher"/>, and the account is evaluated again at once (the attempt now
/// in its history, the policy's next step, caps and cooldowns decide when it is due next); one not yet due is queued
/// for its not-before instant; a wait or a suppression for a time is queued for its review instant; nothing due ever,
/// an error, or a suppression until further notice drops the account (an error is logged).
/// </summary>
/// <remarks>
/// Stopping (Ctrl+C, SIGTERM, or the host's run-for limit) cancels the wait for the next account at once; an account
/// already taken from the queue is evaluated and dispatched to the end, then the summary is logged.
/// </remarks>
internal sealed partial class ContactWorker(
    ICadenceEngine engine,
    IAccountStore store,
    IContactDispatcher dispatcher,
    DueQueue<string> queue,
    IClock clock,
    ILogger<ContactWorker> logger) : BackgroundService
{
    /// <summary>How long after a failed dispatch the account is tried again.</summary>
    public static readonly Duration RetryAfter = Duration.FromMinutes(5);

    /// <summary>When a wait gives no review instant (nothing due within the policy's horizon), how long until the account is looked at again.</summary>
    public static readonly Duration LookAgainAfter = Duration.FromDays(1);

    /// <summary>What the worker has done so far.</summary>
    public WorkerSummary Summary { get; } = new();

    /// <summary>Queues every account of the store, due at <paramref name="now"/>.</summary>
    /// <param name="now">When they are due: at once.</param>
    public void ScheduleAll(Instant now)
    {
        foreach (var accountId in store.AccountIds)
        {
            queue.Enqueue(accountId, now);
        }
    }

    /// <summary>Waits for the next account to fall due and handles it.</summary>
    /// <param name="cancellationToken">Stops the wait; once an account is taken, it is handled to the end.</param>
    /// <returns>What was done.</returns>
    public async Task<Processed> RunOnceAsync(CancellationToken cancellationToken)
    {
        var accountId = await queue.DequeueWhenDueAsync(cancellationToken);
        return await ProcessAsync(accountId);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = clock.GetCurrentInstant();
        ScheduleAll(start);
        LogStarted(logger, store.AccountIds.Count, start);
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

    /// <summary>Evaluates the account now and acts on its decision.</summary>
    private async Task<Processed> ProcessAsync(string accountId)
    {
        var now = clock.GetCurrentInstant();
        if (!store.TryGet(accountId, out var account))
        {
            LogUnknownAccount(logger, now, accountId);
            return new Processed(accountId, now, Decision.Failed(accountId, ReasonCode.InvalidAccount, "The account is no longer in the store."), Handling.Dropped, null);
        }

        var decision = engine.Evaluate(account, now);
        Summary.Evaluated(decision);
        switch (decision.Kind)
        {
            case DecisionKind.Contact or DecisionKind.Escalate when decision.NotBefore is { } notBefore && notBefore > now:
                LogDeferred(logger, now, accountId, decision.Channel?.ToString() ?? decision.Step?.EscalationKind, decision.Step?.Id, notBefore);
                return Queue(Handling.Deferred, notBefore);

            case DecisionKind.Contact or DecisionKind.Escalate:
                try
                {
                    // No cancellation token: a contact under way is completed and recorded even when a stop was requested.
                    await dispatcher.DispatchAsync(account, decision, now, CancellationToken.None);
                }
#pragma warning disable CA1031 // a failed dispatch must not stop the worker: it is logged and the account tried again later
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Summary.DispatchFailed();
                    LogDispatchFailed(logger, exception, now, accountId, now + RetryAfter);
                    return Queue(Handling.Retrying, now + RetryAfter);
                }

                Summary.Dispatched(decision);
                return Queue(Handling.Dispatched, now);

            case DecisionKind.Wait:
                var review = decision.ReviewAt ?? now + LookAgainAfter;
                LogWaiting(logger, now, accountId, review);
                return Queue(Handling.Waiting, review);

            case DecisionKind.Suppressed when decision.ReviewAt is { } until:
                LogSuppressed(logger, now, accountId, decision.SuppressedBy?.ToString() ?? "-", until);
                return Queue(Handling.Waiting, until);

            case DecisionKind.Suppressed:
                LogSuppressedIndefinitely(logger, now, accountId, decision.SuppressedBy?.ToString() ?? "-");
                return new Processed(accountId, now, decision, Handling.Dropped, null);

            case DecisionKind.Error:
                LogError(logger, now, accountId, decision.Error?.Code ?? ReasonCode.EvaluationFailed, decision.Error?.Message ?? "-");
                return new Processed(accountId, now, decision, Handling.Dropped, null);

            default:
                LogNothingDue(logger, now, accountId);
                return new Processed(accountId, now, decision, Handling.Dropped, null);
        }

        Processed Queue(Handling handling, Instant due)
        {
            queue.Enqueue(accountId, due);
            return new Processed(accountId, now, decision, handling, due);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Watching {Count} accounts from {Start}; Ctrl+C stops")]
    private static partial void LogStarted(ILogger logger, int count, Instant start);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Now} {AccountId}: {Channel} for step {Step} not before {NotBefore}")]
    private static partial void LogDeferred(ILogger logger, Instant now, string accountId, string? channel, string? step, Instant notBefore);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Now} {AccountId}: nothing due now, review at {ReviewAt}")]
    private static partial void LogWaiting(ILogger logger, Instant now, string accountId, Instant reviewAt);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{Now} {AccountId}: suppressed by {Hold}, review at {ReviewAt}")]
    private static partial void LogSuppressed(ILogger logger, Instant now, string accountId, string hold, Instant reviewAt);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Now} {AccountId}: suppressed by {Hold} until further notice, dropped")]
    private static partial void LogSuppressedIndefinitely(ILogger logger, Instant now, string accountId, string hold);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Now} {AccountId}: nothing will be due, dropped")]
    private static partial void LogNothingDue(ILogger logger, Instant now, string accountId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "{Now} {AccountId}: error {Code}: {Message}; dropped")]
    private static partial void LogError(ILogger logger, Instant now, string accountId, ReasonCode code, string message);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "{Now} {AccountId}: the dispatch failed; trying again at {Retry}")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, Instant now, string accountId, Instant retry);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "{Now} {AccountId}: no longer in the store, dropped")]
    private static partial void LogUnknownAccount(ILogger logger, Instant now, string accountId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Stopped at {Now} after {Evaluations} evaluations: {Summary}; {Queued} accounts queued, the next due at {NextDue}")]
    private static partial void LogStopped(ILogger logger, Instant now, int evaluations, WorkerSummary summary, int queued, string nextDue);
}
