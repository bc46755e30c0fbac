using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cadence.Ledger.Tests.Support;

/// <summary>What a ledger database holds after a load run, read with SQL straight from the file.</summary>
internal sealed record LedgerCounts
{
    public long Requests { get; init; }

    public long Decisions { get; init; }

    public long Reservations { get; init; }

    public long Completed { get; init; }

    public long Cancelled { get; init; }

    public long Expired { get; init; }

    /// <summary>Reservations neither completed, cancelled nor expired.</summary>
    public long Unsettled { get; init; }

    /// <summary>The attempts the run recorded (not imported, not replaced): the contacts made, or that may have been.</summary>
    public long Contacts { get; init; }

    /// <summary>
    /// Reservations made under no idempotency key or under more than one (a reservation is under the key of the request
    /// whose decision made it: the decision's own action and the escalations listed beside it).
    /// </summary>
    public long ReservationsNotUnderOneKey { get; init; }

    /// <summary>Idempotency keys that reserved the same action (step and accounts) more than once.</summary>
    public long KeysOfSeveralReservations { get; init; }

    /// <summary>Two reservations that count (not cancelled) for the same person, step, instant and accounts: a double booking.</summary>
    public long DoubleBookings { get; init; }

    /// <summary>Persons with at least one contact from the run.</summary>
    public long PersonsContacted { get; init; }

    public static async Task<LedgerCounts> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        async Task<long> Count(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return new LedgerCounts
        {
            Requests = await Count("SELECT COUNT(*) FROM requests"),
            Decisions = await Count("SELECT COUNT(*) FROM decisions"),
            Reservations = await Count("SELECT COUNT(*) FROM reservations"),
            Completed = await Count("SELECT COUNT(*) FROM reservations WHERE status = 'Completed'"),
            Cancelled = await Count("SELECT COUNT(*) FROM reservations WHERE status = 'Cancelled'"),
            Expired = await Count("SELECT COUNT(*) FROM reservations WHERE status = 'Expired'"),
            Unsettled = await Count("SELECT COUNT(*) FROM reservations WHERE status NOT IN ('Completed', 'Cancelled', 'Expired')"),
            Contacts = await Count("SELECT COUNT(*) FROM attempts WHERE reservation_id IS NOT NULL AND superseded = 0"),
            ReservationsNotUnderOneKey = await Count("SELECT COUNT(*) FROM reservations r WHERE (SELECT COUNT(*) FROM requests q WHERE q.decision_id = r.decision_id) <> 1"),
            KeysOfSeveralReservations = await Count("SELECT COUNT(*) FROM (SELECT q.key FROM requests q JOIN reservations r ON r.decision_id = q.decision_id GROUP BY q.key, r.step_id, r.account_ids HAVING COUNT(*) > 1)"),
            DoubleBookings = await Count("SELECT COUNT(*) FROM (SELECT 1 FROM reservations WHERE status <> 'Cancelled' GROUP BY person_id, step_id, at_ticks, account_ids HAVING COUNT(*) > 1)"),
            PersonsContacted = await Count("SELECT COUNT(DISTINCT person_id) FROM attempts WHERE reservation_id IS NOT NULL AND superseded = 0"),
        };
    }

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"requests {Requests}, decisions {Decisions}, reservations {Reservations} (completed {Completed}, cancelled {Cancelled}, expired {Expired}, unsettled {Unsettled}), contacts {Contacts} with {PersonsContacted} persons");
}
