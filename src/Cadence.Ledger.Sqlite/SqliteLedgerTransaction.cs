using Microsoft.Data.Sqlite;
using static Cadence.Ledger.Sqlite.SqliteRows;

namespace Cadence.Ledger.Sqlite;

/// <summary>One <c>BEGIN IMMEDIATE</c> transaction on one connection, about one person.</summary>
internal sealed class SqliteLedgerTransaction(SqliteConnection connection, string personId) : ILedgerTransaction
{
    public string PersonId { get; } = personId;

    public async Task<LedgerRequest?> FindRequestAsync(string key, CancellationToken cancellationToken = default)
        => (await QueryAsync(connection, "SELECT key, person_id, decision_id, reservation_id FROM requests WHERE key = $key", r => new LedgerRequest(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetInt64(3)), cancellationToken, ("$key", key)).ConfigureAwait(false))
            .SingleOrDefault();

    public Task AddRequestAsync(LedgerRequest request, CancellationToken cancellationToken = default)
        => ExecuteAsync(
            connection,
            "INSERT INTO requests (key, person_id, decision_id, reservation_id) VALUES ($key, $person, $decision, $reservation)",
            cancellationToken,
            ("$key", request.Key),
            ("$person", request.PersonId),
            ("$decision", request.DecisionId),
            ("$reservation", request.ReservationId is { } id ? id : DBNull.Value));

    public async Task<IReadOnlyList<ContactAttempt>> GetAttemptsAsync(CancellationToken cancellationToken = default)
        => await QueryAsync(
            connection,
            "SELECT at_ticks, channel, direction, outcome, step_id, contact_point_id, account_ids FROM attempts WHERE person_id = $person AND superseded = 0 ORDER BY at_ticks, id",
            ReadAttempt,
            cancellationToken,
            ("$person", PersonId)).ConfigureAwait(false);

    public Task AddAttemptAsync(ContactAttempt attempt, long? reservationId, CancellationToken cancellationToken = default)
        => ExecuteAsync(
            connection,
            """
            INSERT INTO attempts (person_id, at_ticks, channel, direction, outcome, step_id, contact_point_id, account_ids, reservation_id)
            VALUES ($person, $at, $channel, $direction, $outcome, $step, $point, $accounts, $reservation)
            """,
            cancellationToken,
            ("$person", PersonId),
            ("$at", Ticks(attempt.At)),
            ("$channel", attempt.Channel.ToString()),
            ("$direction", attempt.Direction.ToString()),
            ("$outcome", attempt.Outcome.ToString()),
            ("$step", Value(attempt.StepId)),
            ("$point", Value(attempt.ContactPointId)),
            ("$accounts", Ids(attempt.AccountIds)),
            ("$reservation", reservationId is { } id ? id : DBNull.Value));

    public Task SupersedeAttemptsAsync(long reservationId, CancellationToken cancellationToken = default)
        => ExecuteAsync(connection, "UPDATE attempts SET superseded = 1 WHERE reservation_id = $reservation AND person_id = $person", cancellationToken, ("$reservation", reservationId), ("$person", PersonId));

    public async Task<IReadOnlyList<Reservation>> GetOpenReservationsAsync(CancellationToken cancellationToken = default)
        => await QueryAsync(connection, $"SELECT {ReservationColumns} FROM reservations WHERE person_id = $person AND status = 'Open' ORDER BY id", ReadReservation, cancellationToken, ("$person", PersonId)).ConfigureAwait(false);

    public async Task<IReadOnlyList<Reservation>> GetReservationsAsync(CancellationToken cancellationToken = default)
        => await QueryAsync(connection, $"SELECT {ReservationColumns} FROM reservations WHERE person_id = $person ORDER BY id", ReadReservation, cancellationToken, ("$person", PersonId)).ConfigureAwait(false);

    public async Task<Reservation?> GetReservationAsync(long reservationId, CancellationToken cancellationToken = default)
        => (await QueryAsync(connection, $"SELECT {ReservationColumns} FROM reservations WHERE id = $id AND person_id = $person", ReadReservation, cancellationToken, ("$id", reservationId), ("$person", PersonId)).ConfigureAwait(false))
            .SingleOrDefault();

    public async Task<long> AddReservationAsync(Reservation reservation, CancellationToken cancellationToken = default)
    {
        using var command = Command(
            connection,
            """
            INSERT INTO reservations (person_id, decision_id, at_ticks, expires_ticks, channel, step_id, contact_point_id, account_ids, status, outcome, settled_ticks)
            VALUES ($person, $decision, $at, $expires, $channel, $step, $point, $accounts, $status, $outcome, $settled)
            RETURNING id
            """,
            ("$person", PersonId),
            ("$decision", reservation.DecisionId),
            ("$at", Ticks(reservation.At)),
            ("$expires", Ticks(reservation.ExpiresAt)),
            ("$channel", reservation.Channel.ToString()),
            ("$step", Value(reservation.StepId)),
            ("$point", Value(reservation.ContactPointId)),
            ("$accounts", Ids(reservation.AccountIds)),
            ("$status", reservation.Status.ToString()),
            ("$outcome", Name(reservation.Outcome)),
            ("$settled", Ticks(reservation.SettledAt)));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public Task UpdateReservationAsync(Reservation reservation, CancellationToken cancellationToken = default)
        => ExecuteAsync(
            connection,
            "UPDATE reservations SET status = $status, outcome = $outcome, settled_ticks = $settled WHERE id = $id AND person_id = $person",
            cancellationToken,
            ("$status", reservation.Status.ToString()),
            ("$outcome", Name(reservation.Outcome)),
            ("$settled", Ticks(reservation.SettledAt)),
            ("$id", reservation.Id),
            ("$person", PersonId));

    public Task AddEventAsync(ReservationEvent reservationEvent, CancellationToken cancellationToken = default)
        => ExecuteAsync(
            connection,
            "INSERT INTO reservation_events (reservation_id, at_ticks, kind, outcome) VALUES ($reservation, $at, $kind, $outcome)",
            cancellationToken,
            ("$reservation", reservationEvent.ReservationId),
            ("$at", Ticks(reservationEvent.At)),
            ("$kind", reservationEvent.Kind.ToString()),
            ("$outcome", Name(reservationEvent.Outcome)));

    public Task SavePolicyAsync(LedgerPolicy policy, CancellationToken cancellationToken = default)
        => ExecuteAsync(
            connection,
            "INSERT INTO policies (id, sha256, text, holiday_files) VALUES ($id, $sha, $text, $holidays) ON CONFLICT (id) DO NOTHING",
            cancellationToken,
            ("$id", policy.Id),
            ("$sha", policy.Sha256),
            ("$text", policy.Text),
            ("$holidays", System.Text.Json.JsonSerializer.Serialize(policy.HolidayFiles)));

    public async Task<long> AddDecisionAsync(LedgerDecisionRecord record, CancellationToken cancellationToken = default)
    {
        using var command = Command(
            connection,
            """
            INSERT INTO decisions (person_id, now_ticks, operation, policy_id, tzdb_version, engine_version, result_json, inputs_json, proposed_json, inputs_purged_ticks, erased_ticks)
            VALUES ($person, $now, $operation, $policy, $tzdb, $engine, $result, $inputs, $proposed, $purged, $erased)
            RETURNING id
            """,
            ("$person", PersonId),
            ("$now", Ticks(record.Now)),
            ("$operation", record.Operation.ToString()),
            ("$policy", record.PolicyId),
            ("$tzdb", record.TzdbVersion),
            ("$engine", record.EngineVersion),
            ("$result", record.ResultJson),
            ("$inputs", Value(record.InputsJson)),
            ("$proposed", Value(record.ProposedJson)),
            ("$purged", Ticks(record.InputsPurgedAt)),
            ("$erased", Ticks(record.ErasedAt)));
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<LedgerDecisionRecord?> GetDecisionAsync(long decisionId, CancellationToken cancellationToken = default)
        => (await QueryAsync(connection, $"SELECT {DecisionColumns} FROM decisions WHERE id = $id AND person_id = $person", ReadDecision, cancellationToken, ("$id", decisionId), ("$person", PersonId)).ConfigureAwait(false))
            .SingleOrDefault();

    public async Task<IReadOnlyList<LedgerDecisionRecord>> GetDecisionsAsync(CancellationToken cancellationToken = default)
        => await QueryAsync(connection, $"SELECT {DecisionColumns} FROM decisions WHERE person_id = $person ORDER BY id", ReadDecision, cancellationToken, ("$person", PersonId)).ConfigureAwait(false);

    public async Task ErasePersonAsync(string pseudonym, Func<string, string> pseudonymise, IReadOnlyList<LedgerDecisionRecord> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pseudonymise);
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var d in decisions)
        {
            await ExecuteAsync(
                connection,
                "UPDATE decisions SET person_id = $pseudonym, result_json = $result, inputs_json = $inputs, proposed_json = $proposed, erased_ticks = $erased WHERE id = $id AND person_id = $person",
                cancellationToken,
                ("$pseudonym", pseudonym),
                ("$result", d.ResultJson),
                ("$inputs", Value(d.InputsJson)),
                ("$proposed", Value(d.ProposedJson)),
                ("$erased", Ticks(d.ErasedAt)),
                ("$id", d.Id),
                ("$person", PersonId)).ConfigureAwait(false);
        }

        foreach (var table in new[] { "attempts", "reservations" })
        {
            var rows = await QueryAsync(connection, $"SELECT id, contact_point_id, account_ids FROM {table} WHERE person_id = $person", r => (Id: r.GetInt64(0), Point: Text(r, 1), Accounts: Ids(r.GetString(2))), cancellationToken, ("$person", PersonId)).ConfigureAwait(false);
            foreach (var (id, point, accounts) in rows)
            {
                await ExecuteAsync(
                    connection,
                    $"UPDATE {table} SET person_id = $pseudonym, contact_point_id = $point, account_ids = $accounts WHERE id = $id",
                    cancellationToken,
                    ("$pseudonym", pseudonym),
                    ("$point", Value(point is null ? null : pseudonymise(point))),
                    ("$accounts", Ids([.. accounts.Select(pseudonymise)])),
                    ("$id", id)).ConfigureAwait(false);
            }
        }

        // Hosts' keys often carry the person's id: they are replaced by their pseudonyms too.
        foreach (var key in await QueryAsync(connection, "SELECT key FROM requests WHERE person_id = $person", r => r.GetString(0), cancellationToken, ("$person", PersonId)).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, "UPDATE requests SET person_id = $pseudonym, key = $pseudonymKey WHERE key = $key", cancellationToken, ("$pseudonym", pseudonym), ("$pseudonymKey", pseudonymise(key)), ("$key", key)).ConfigureAwait(false);
        }
    }
}
