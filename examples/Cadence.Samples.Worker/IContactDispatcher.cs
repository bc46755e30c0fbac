using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>
/// Where a contact happens: the worker hands each contact or escalation it decides to make here once it is due (its
/// <see cref="Decision.NotBefore"/> has come): the decision's own action, and each escalation it lists as due on the
/// person's other accounts (<see cref="Decision.Escalations"/>). A real dispatcher sends the e-mail or text to the
/// decision's contact point, queues the call for the dialler, or places the accounts with the agency, and says how it
/// ended; the worker records the attempt (in the contact ledger, or in the person's history without one), on its point
/// and about its accounts, so that the next decision counts it.
/// </summary>
internal interface IContactDispatcher
{
    /// <summary>Makes the contact or escalation <paramref name="action"/> proposes.</summary>
    /// <param name="person">The person's state the decision was made for.</param>
    /// <param name="action">A contact or escalation whose not-before instant has come: a decision, or one of its <see cref="Decision.Escalations"/>.</param>
    /// <param name="at">The instant of the attempt: now, on the worker's clock.</param>
    /// <param name="cancellationToken">Stops the dispatch; the worker passes none, so that a dispatch under way completes.</param>
    /// <returns>
    /// How the contact ended once it was made; <see langword="null"/> when the dispatcher declined it and made nothing
    /// (as when it throws: the worker cancels the reservation and tries the person again later).
    /// </returns>
    ValueTask<ContactOutcome?> DispatchAsync(Person person, Decision action, Instant at, CancellationToken cancellationToken);
}
