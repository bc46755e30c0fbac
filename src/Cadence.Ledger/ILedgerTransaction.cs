namespace Cadence.Ledger;

/// <summary>
/// One transaction on one person's records (see <see cref="ILedgerStore.RunInPersonTransactionAsync"/>). Reads see the
/// transaction's own writes. Not thread-safe.
/// </summary>
public interface ILedgerTransaction
{
    /// <summary>The person the transaction is about.</summary>
    string PersonId { get; }

    /// <summary>Finds an answered reserve by its idempotency key, whatever person it was for.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The request, or <see langword="null"/>.</returns>
    Task<LedgerRequest?> FindRequestAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Records an answered reserve.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    Task AddRequestAsync(LedgerRequest request, CancellationToken cancellationToken = default);

    /// <summary>The person's recorded attempts (those a late completion replaced left out).</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The attempts, oldest first.</returns>
    Task<IReadOnlyList<ContactAttempt>> GetAttemptsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records an attempt of the person.</summary>
    /// <param name="attempt">The attempt.</param>
    /// <param name="reservationId">The reservation it settles, if any.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    Task AddAttemptAsync(ContactAttempt attempt, long? reservationId, CancellationToken cancellationToken = default);

    /// <summary>Marks the attempts recorded for a reservation as replaced (kept for audit, no longer read by <see cref="GetAttemptsAsync"/>).</summary>
    /// <param name="reservationId">The reservation.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    Task SupersedeAttemptsAsync(long reservationId, CancellationToken cancellationToken = default);

    /// <summary>The person's open reservations.</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The reservations, oldest first.</returns>
    Task<IReadOnlyList<Reservation>> GetOpenReservationsAsync(CancellationToken cancellationToken = default);

    /// <summary>The person's reservations, whatever their status (for audit).</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The reservations, oldest first.</returns>
    Task<IReadOnlyList<Reservation>> GetReservationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one of the person's reservations.</summary>
    /// <param name="reservationId">Its id.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The reservation, or <see langword="null"/> when the person has none of that id.</returns>
    Task<Reservation?> GetReservationAsync(long reservationId, CancellationToken cancellationToken = default);

    /// <summary>Stores a reservation (its <see cref="Reservation.Id"/> is ignored).</summary>
    /// <param name="reservation">The reservation.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>Its id.</returns>
    Task<long> AddReservationAsync(Reservation reservation, CancellationToken cancellationToken = default);

    /// <summary>Stores a reservation's new status, outcome and settlement instant.</summary>
    /// <param name="reservation">The reservation as it now stands.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    Task UpdateReservationAsync(Reservation reservation, CancellationToken cancellationToken = default);

    /// <summary>Adds an entry to a reservation's audit trail.</summary>
    /// <param name="reservationEvent">The entry.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    Task AddEventAsync(ReservationEvent reservationEvent, CancellationToken cancellationToken = default);

    /// <summary>Stores a policy unless one of the same id is stored.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    Task SavePolicyAsync(LedgerPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>Stores a decision (its <see cref="LedgerDecisionRecord.Id"/> is ignored).</summary>
    /// <param name="record">The decision.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>Its id.</returns>
    Task<long> AddDecisionAsync(LedgerDecisionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored decision of the person.</summary>
    /// <param name="decisionId">Its id.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The decision, or <see langword="null"/>.</returns>
    Task<LedgerDecisionRecord?> GetDecisionAsync(long decisionId, CancellationToken cancellationToken = default);

    /// <summary>Reads every stored decision of the person.</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The decisions, oldest first.</returns>
    Task<IReadOnlyList<LedgerDecisionRecord>> GetDecisionsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the person's ids: every record of the person is given <paramref name="pseudonym"/> for its person id,
    /// every contact point and account id of their attempts and reservations, and the idempotency key of each of their
    /// requests, is replaced by <paramref name="pseudonymise"/>'s, and each stored decision is replaced by
    /// <paramref name="decisions"/>' record of the same id.
    /// </summary>
    /// <param name="pseudonym">The person's pseudonym.</param>
    /// <param name="pseudonymise">Maps an id to its pseudonym.</param>
    /// <param name="decisions">The person's decisions, pseudonymised.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    Task ErasePersonAsync(string pseudonym, Func<string, string> pseudonymise, IReadOnlyList<LedgerDecisionRecord> decisions, CancellationToken cancellationToken = default);
}
