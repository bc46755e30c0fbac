using NodaTime;

namespace Cadence.Ledger;

/// <summary>
/// Where a <see cref="ContactLedger"/> keeps its history, reservations and decisions. A store serialises the work on one
/// person: <see cref="RunInPersonTransactionAsync"/> runs in one transaction that no other transaction on the same person
/// (in this process or another) interleaves with, and commits only when the work returns. Every store passes the
/// ledger's store contract tests.
/// </summary>
/// <remarks>Implementations are thread-safe; a transaction is used by one thread at a time.</remarks>
public interface ILedgerStore
{
    /// <summary>
    /// Creates the schema or brings it up to date (idempotent), refusing a database whose schema is newer than the store
    /// knows.
    /// </summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this store's.</exception>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction with the person locked: committed when it returns, rolled back when
    /// it throws. Two calls for the same person never interleave.
    /// </summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="personId">The person.</param>
    /// <param name="work">The work, given the transaction.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>What the work returned.</returns>
    Task<T> RunInPersonTransactionAsync<T>(string personId, Func<ILedgerTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);

    /// <summary>Reads a reservation.</summary>
    /// <param name="reservationId">Its id.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The reservation, or <see langword="null"/> when there is none.</returns>
    Task<Reservation?> GetReservationAsync(long reservationId, CancellationToken cancellationToken = default);

    /// <summary>Reads a reservation's audit trail, oldest first.</summary>
    /// <param name="reservationId">Its id.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<ReservationEvent>> GetEventsAsync(long reservationId, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored decision.</summary>
    /// <param name="decisionId">Its id.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The decision, or <see langword="null"/> when there is none.</returns>
    Task<LedgerDecisionRecord?> GetDecisionAsync(long decisionId, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored policy.</summary>
    /// <param name="policyId">Its <see cref="LedgerPolicy.Id"/>.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The policy, or <see langword="null"/> when there is none.</returns>
    Task<LedgerPolicy?> GetPolicyAsync(string policyId, CancellationToken cancellationToken = default);

    /// <summary>The persons who have an open reservation that expires at or before <paramref name="now"/>.</summary>
    /// <param name="now">The instant.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>Their ids, each once.</returns>
    Task<IReadOnlyList<string>> GetPersonsWithExpiredReservationsAsync(Instant now, CancellationToken cancellationToken = default);

    /// <summary>Removes the inputs of decisions made before <paramref name="madeBefore"/>, marking them purged at <paramref name="now"/>.</summary>
    /// <param name="madeBefore">Decisions whose evaluation instant is before this lose their inputs.</param>
    /// <param name="now">When they are purged.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>How many decisions lost their inputs.</returns>
    Task<int> PurgeInputsAsync(Instant madeBefore, Instant now, CancellationToken cancellationToken = default);
}
