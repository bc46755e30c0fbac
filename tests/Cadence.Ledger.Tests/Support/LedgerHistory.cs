using System.Collections.Immutable;
using Cadence.Simulation;

namespace Cadence.Ledger.Tests.Support;

/// <summary>Each person's history as the ledger's audit records hold it, as the independent compliance checker reads it.</summary>
internal static class LedgerHistory
{
    /// <summary>The timelines of <paramref name="persons"/>, from their audit records.</summary>
    /// <param name="store">The ledger's store.</param>
    /// <param name="persons">The persons as generated (their history is the one imported before the run).</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A timeline per person, in order.</returns>
    public static async Task<ImmutableArray<PersonTimeline>> TimelinesAsync(ILedgerStore store, IEnumerable<Person> persons, CancellationToken cancellationToken)
    {
        var records = new LedgerRecords(store);
        var timelines = ImmutableArray.CreateBuilder<PersonTimeline>();
        foreach (var person in persons)
        {
            timelines.Add(Timeline(person, await records.GetAuditAsync(person.PersonId, cancellationToken)));
        }

        return timelines.ToImmutable();
    }

    /// <summary>
    /// A person's timeline: their history before the run as its start (taken as given), and every attempt the ledger
    /// recorded since (completed contacts, and expired reservations as attempts of unknown outcome) as a contact made on
    /// the decision of its reservation.
    /// </summary>
    /// <param name="initial">The person before the run.</param>
    /// <param name="audit">The ledger's records of the person.</param>
    /// <returns>The timeline.</returns>
    public static PersonTimeline Timeline(Person initial, LedgerAudit audit)
    {
        var imported = new Dictionary<ContactAttempt, int>();
        foreach (var attempt in initial.History)
        {
            imported[attempt] = imported.GetValueOrDefault(attempt) + 1;
        }

        var events = ImmutableArray.CreateBuilder<AccountEvent>();
        foreach (var attempt in audit.Attempts)
        {
            if (imported.GetValueOrDefault(attempt) is > 0 and var left)
            {
                imported[attempt] = left - 1;
                continue;
            }

            var reservation = audit.Reservations.FirstOrDefault(r => r.Status is ReservationStatus.Completed or ReservationStatus.Expired
                && r.StepId == attempt.StepId && r.Channel == attempt.Channel && r.ContactPointId == attempt.ContactPointId
                && (r.Status == ReservationStatus.Completed ? r.SettledAt : r.At) == attempt.At);
            events.Add(new ContactMade(attempt, reservation?.At));
        }

        return new PersonTimeline(initial, events.ToImmutable());
    }
}
