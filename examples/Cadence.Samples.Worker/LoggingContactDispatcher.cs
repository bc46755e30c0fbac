using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>
/// The sample's dispatcher: it logs the contact and appends the attempt to the account's history in the store, with
/// an outcome a real channel might report (a placed call goes unanswered, an e-mail or a text is delivered, a letter is
/// sent). An escalation is recorded as an attempt without a channel, for its step.
/// </summary>
/// <param name="store">Where the attempt is recorded.</param>
/// <param name="logger">Where the contact is reported.</param>
internal sealed partial class LoggingContactDispatcher(IAccountStore store, ILogger<LoggingContactDispatcher> logger) : IContactDispatcher
{
    /// <inheritdoc />
    public ValueTask DispatchAsync(BorrowerState account, Decision decision, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (decision.Kind is not (DecisionKind.Contact or DecisionKind.Escalate) || decision.Step is not { } step)
        {
            throw new ArgumentException($"Only a contact or an escalation is dispatched, not {decision.Kind}.", nameof(decision));
        }

        var channel = decision.Channel ?? Channel.None;
        var outcome = channel switch
        {
            Channel.Call or Channel.Visit => ContactOutcome.NoAnswer,
            Channel.Email or Channel.Sms or Channel.Push => ContactOutcome.Delivered,
            _ => ContactOutcome.Sent,
        };
        store.AppendAttempt(account.AccountId, new ContactAttempt(at, channel, ContactDirection.Outbound, outcome, step.Id));
        if (decision.Kind == DecisionKind.Escalate)
        {
            LogEscalated(logger, at, account.AccountId, step.EscalationKind, step.Id);
        }
        else
        {
            LogContacted(logger, at, account.AccountId, channel, decision.Template, step.Id, outcome);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "{At} {AccountId}: {Channel} '{Template}' for step {Step}, {Outcome}")]
    private static partial void LogContacted(ILogger logger, Instant at, string accountId, Channel channel, string? template, string step, ContactOutcome outcome);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "{At} {AccountId}: escalated to {Escalation} for step {Step}")]
    private static partial void LogEscalated(ILogger logger, Instant at, string accountId, string? escalation, string step);
}
