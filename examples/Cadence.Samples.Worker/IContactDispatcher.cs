using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>
/// Where a contact happens: the worker hands each <see cref="DecisionKind.Contact"/> or
/// <see cref="DecisionKind.Escalate"/> decision here once it is due (its <see cref="Decision.NotBefore"/> has come),
/// then evaluates the account again. A real dispatcher sends the e-mail or text, queues the call for the dialler, or
/// places the account with the agency, and records the attempt in the account's history, so that the next decision
/// counts it.
/// </summary>
internal interface IContactDispatcher
{
    /// <summary>Makes the contact or escalation <paramref name="decision"/> proposes.</summary>
    /// <param name="account">The account's state the decision was made for.</param>
    /// <param name="decision">A contact or escalation whose not-before instant has come.</param>
    /// <param name="at">The instant of the attempt: now, on the worker's clock.</param>
    /// <param name="cancellationToken">Stops the dispatch; the worker passes none, so that a dispatch under way completes.</param>
    /// <returns>A task that completes when the attempt is made and recorded.</returns>
    ValueTask DispatchAsync(BorrowerState account, Decision decision, Instant at, CancellationToken cancellationToken);
}
