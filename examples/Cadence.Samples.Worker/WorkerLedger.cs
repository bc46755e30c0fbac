using Cadence.Ledger;
using Cadence.Ledger.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>What opening the worker's ledger did.</summary>
/// <param name="SchemaVersion">The ledger database's schema version, once created or migrated.</param>
/// <param name="Persons">How many persons' histories were imported.</param>
/// <param name="Imported">How many of their attempts were new to the ledger and stored (those already there are left out).</param>
/// <param name="Expired">How many reservations left open by an earlier run had expired and now count as attempts of unknown outcome.</param>
internal sealed record LedgerOpened(int SchemaVersion, int Persons, int Imported, int Expired);

/// <summary>
/// The worker's contact ledger: a <see cref="ContactLedger"/> on one SQLite file (<see cref="SqliteLedgerStore"/>),
/// created if there is none. The ledger holds the contact history, the reservations and every decision; the person
/// store keeps the rest of each person's state.
/// </summary>
internal sealed class WorkerLedger
{
    /// <summary>Creates the ledger on <paramref name="filePath"/>; nothing is read or written until <see cref="OpenAsync"/>.</summary>
    /// <param name="filePath">The SQLite file, created if it does not exist (its folder must).</param>
    /// <param name="policy">The policy the ledger decides with, as evidence.</param>
    /// <param name="options">How it reserves and expires; the defaults when <see langword="null"/>.</param>
    /// <exception cref="PolicyValidationException">The policy has problems.</exception>
    public WorkerLedger(string filePath, LedgerPolicy policy, LedgerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        FilePath = filePath;
        Store = new SqliteLedgerStore(new SqliteConnectionStringBuilder { DataSource = filePath, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        Ledger = new ContactLedger(Store, policy, options);
    }

    /// <summary>The SQLite file.</summary>
    public string FilePath { get; }

    /// <summary>The store on the file.</summary>
    public SqliteLedgerStore Store { get; }

    /// <summary>The ledger: reserve, complete, cancel, expire.</summary>
    public ContactLedger Ledger { get; }

    /// <summary>
    /// Creates the database or brings its schema up to date, imports the history of every person of
    /// <paramref name="persons"/> (idempotent: an attempt already stored is not stored again, so every start imports
    /// whatever is new), and expires the reservations an earlier run left open past their time to live.
    /// </summary>
    /// <param name="persons">The persons whose histories the ledger is to hold.</param>
    /// <param name="now">The instant, on the worker's clock.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this version knows.</exception>
    public async Task<LedgerOpened> OpenAsync(IPersonStore persons, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(persons);
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var imported = 0;
        var count = 0;
        foreach (var personId in persons.PersonIds)
        {
            if (persons.TryGet(personId, out var person))
            {
                imported += await Ledger.ImportHistoryAsync(person, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        var expired = await Ledger.ExpireAsync(now, cancellationToken).ConfigureAwait(false);
        var versions = await Store.GetAppliedSchemaVersionsAsync(cancellationToken).ConfigureAwait(false);
        return new LedgerOpened(versions[^1], count, imported, expired);
    }

    /// <summary>The person's contact history as the ledger holds it, in time order (for tests and diagnostics).</summary>
    /// <param name="personId">The person.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The attempts: imported, completed, expired, and recorded beside a decision.</returns>
    public Task<IReadOnlyList<ContactAttempt>> HistoryAsync(string personId, CancellationToken cancellationToken)
        => Store.RunInPersonTransactionAsync(personId, (tx, ct) => tx.GetAttemptsAsync(ct), cancellationToken);

    /// <summary>The person's reservations, whatever their status (for tests and diagnostics).</summary>
    /// <param name="personId">The person.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The reservations.</returns>
    public Task<IReadOnlyList<Reservation>> ReservationsAsync(string personId, CancellationToken cancellationToken)
        => Store.RunInPersonTransactionAsync(personId, (tx, ct) => tx.GetReservationsAsync(ct), cancellationToken);
}
