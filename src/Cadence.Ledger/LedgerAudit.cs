namespace Cadence.Ledger;

/// <summary>
/// Everything the ledger holds about one person (or, after erasure, one pseudonym), for audit. Immutable.
/// </summary>
/// <param name="PersonId">The person, or their pseudonym.</param>
/// <param name="Decisions">The stored decisions, oldest first.</param>
/// <param name="Reservations">The reservations, whatever their status, oldest first.</param>
/// <param name="Events">Every reservation's audit trail, by reservation then in order.</param>
/// <param name="Attempts">The recorded attempts, oldest first (those a late completion replaced left out).</param>
public sealed record LedgerAudit(
    string PersonId,
    IReadOnlyList<LedgerDecisionRecord> Decisions,
    IReadOnlyList<Reservation> Reservations,
    IReadOnlyList<ReservationEvent> Events,
    IReadOnlyList<ContactAttempt> Attempts)
{
    /// <summary>Whether the ledger holds nothing about the person.</summary>
    public bool IsEmpty => Decisions.Count == 0 && Reservations.Count == 0 && Attempts.Count == 0;
}
