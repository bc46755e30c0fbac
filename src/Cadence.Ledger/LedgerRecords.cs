using NodaTime;

namespace Cadence.Ledger;

/// <summary>
/// What can be done with a ledger's records without a policy to decide with: read a person's records for audit,
/// replay a stored decision (with the policy stored with it), erase a person. <see cref="ContactLedger"/> does the same
/// for a host that decides; this serves tools (the <c>cadence ledger</c> commands). Thread-safe.
/// </summary>
public sealed class LedgerRecords
{
    private readonly ILedgerStore store;
    private readonly LedgerOptions options;

    /// <summary>Reads and writes the records of <paramref name="store"/>.</summary>
    /// <param name="store">The store (initialised: see <see cref="ILedgerStore.InitializeAsync"/>).</param>
    /// <param name="options">The evaluator replays use and the key erasures use; the defaults when <see langword="null"/>.</param>
    public LedgerRecords(ILedgerStore store, LedgerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
        options ??= LedgerOptions.Default;
        this.options = options with { PseudonymKey = options.PseudonymKey?.ToArray() };
    }

    /// <summary>Reads everything the ledger holds about a person (or a pseudonym): decisions, reservations and their events, attempts.</summary>
    /// <param name="personId">The person, or their pseudonym.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The records; <see cref="LedgerAudit.IsEmpty"/> when there are none.</returns>
    public async Task<LedgerAudit> GetAuditAsync(string personId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        var (decisions, reservations, attempts) = await store.RunInPersonTransactionAsync(
            personId,
            async (tx, ct) => (await tx.GetDecisionsAsync(ct).ConfigureAwait(false), await tx.GetReservationsAsync(ct).ConfigureAwait(false), await tx.GetAttemptsAsync(ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
        var events = new List<ReservationEvent>();
        foreach (var r in reservations)
        {
            events.AddRange(await store.GetEventsAsync(r.Id, cancellationToken).ConfigureAwait(false));
        }

        return new LedgerAudit(personId, decisions, reservations, events, attempts);
    }

    /// <summary>Replays a stored decision, as <see cref="ContactLedger.ReplayAsync"/> does.</summary>
    /// <param name="decisionId">The decision's id.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The answer.</returns>
    public Task<ReplayResult> ReplayAsync(long decisionId, CancellationToken cancellationToken = default)
        => LedgerReplay.ReplayAsync(store, decisionId, options.Evaluator, cancellationToken);

    /// <summary>Erases a person, as <see cref="ContactLedger.EraseAsync"/> does.</summary>
    /// <param name="personId">The person.</param>
    /// <param name="now">When they are erased.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The person's pseudonym.</returns>
    /// <exception cref="InvalidOperationException">The options have no <see cref="LedgerOptions.PseudonymKey"/>.</exception>
    public Task<string> EraseAsync(string personId, Instant now, CancellationToken cancellationToken = default)
        => EraseAsync(store, options.PseudonymKey, personId, now, cancellationToken);

    internal static Task<string> EraseAsync(ILedgerStore store, byte[]? pseudonymKey, string personId, Instant now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        var key = pseudonymKey is { Length: > 0 } k ? k : throw new InvalidOperationException("Erasing a person needs LedgerOptions.PseudonymKey, the secret key pseudonyms are made with.");
        return store.RunInPersonTransactionAsync(personId, async (tx, ct) =>
        {
            var erasure = new Erasure(key, personId);
            var decisions = await tx.GetDecisionsAsync(ct).ConfigureAwait(false);
            foreach (var d in decisions)
            {
                erasure.Learn(d);
            }

            var rewritten = decisions.Select(d => erasure.Rewrite(d, now)).ToList();
            await tx.ErasePersonAsync(erasure.Pseudonym, erasure.Pseudonymise, rewritten, ct).ConfigureAwait(false);
            return erasure.Pseudonym;
        }, cancellationToken);
    }
}
