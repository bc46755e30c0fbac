using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>
/// The sample's dispatcher: it logs the contact and reports an outcome a real channel might report (a placed call goes
/// unanswered, an e-mail or a text is delivered, a letter is sent; an escalation is sent). The worker records it.
/// </summary>
/// <param name="logger">Where the contact is reported.</param>
internal sealed partial class LoggingContactDispatcher(ILogger<LoggingContactDispatcher> logger) : IContactDispatcher
{
    /// <inheritdoc />
    public ValueTask<ContactOutcome?> DispatchAsync(Person person, Decision action, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (action.Kind is not (DecisionKind.Contact or DecisionKind.Escalate) || action.Step is not { } step)
        {
            throw new ArgumentException($"Only a contact or an escalation is dispatched, not {action.Kind}.", nameof(action));
        }

        var channel = action.Channel ?? Channel.None;
        var outcome = channel switch
        {
            Channel.Call or Channel.Visit => ContactOutcome.NoAnswer,
            Channel.Email or Channel.Sms or Channel.Push => ContactOutcome.Delivered,
            _ => ContactOutcome.Sent,
        };
        var accounts = string.Join(", ", action.AccountIds);
        if (action.Kind == DecisionKind.Escalate)
        {
            LogEscalated(logger, at, person.PersonId, accounts, step.EscalationKind, step.Id);
        }
        else
        {
            LogContacted(logger, at, person.PersonId, channel, action.ContactPointId, accounts, action.Template, step.Id, outcome);
        }

        return ValueTask.FromResult<ContactOutcome?>(outcome);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "{At} {PersonId}: {Channel} on {ContactPointId} about {AccountIds}, '{Template}' for step {Step}, {Outcome}")]
    private static partial void LogContacted(ILogger logger, Instant at, string personId, Channel channel, string? contactPointId, string accountIds, string? template, string step, ContactOutcome outcome);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "{At} {PersonId}: {AccountIds} escalated to {Escalation} for step {Step}")]
    private static partial void LogEscalated(ILogger logger, Instant at, string personId, string accountIds, string? escalation, string step);
}
