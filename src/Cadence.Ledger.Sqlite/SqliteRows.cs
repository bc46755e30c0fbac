using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Cadence.Ledger.Sqlite;

/// <summary>How the ledger's values are written to and read from SQLite rows: instants as Unix ticks (100 ns), enums by name, id lists as JSON arrays.</summary>
internal static class SqliteRows
{
    public const string ReservationColumns = "id, person_id, decision_id, at_ticks, expires_ticks, channel, step_id, contact_point_id, account_ids, status, outcome, settled_ticks";

    public const string DecisionColumns = "id, person_id, now_ticks, operation, policy_id, tzdb_version, engine_version, result_json, inputs_json, proposed_json, inputs_purged_ticks, erased_ticks";

    public static long Ticks(Instant instant) => instant.ToUnixTimeTicks();

    public static object Ticks(Instant? instant) => instant is { } i ? i.ToUnixTimeTicks() : DBNull.Value;

    public static object Value(string? text) => text is null ? DBNull.Value : text;

    public static object Name<T>(T? value)
        where T : struct, Enum => value is { } v ? v.ToString() : DBNull.Value;

    public static string Ids(ImmutableArray<string> ids) => JsonSerializer.Serialize(ids.IsDefault ? [] : ids.ToArray());

    public static ImmutableArray<string> Ids(string json) => [.. JsonSerializer.Deserialize<string[]>(json) ?? []];

    public static T Parse<T>(string name)
        where T : struct, Enum => Enum.Parse<T>(name);

    public static Instant Instant(SqliteDataReader r, int i) => NodaTime.Instant.FromUnixTimeTicks(r.GetInt64(i));

    public static Instant? NullableInstant(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : NodaTime.Instant.FromUnixTimeTicks(r.GetInt64(i));

    public static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static Reservation ReadReservation(SqliteDataReader r)
        => new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), Instant(r, 3), Instant(r, 4), Parse<Channel>(r.GetString(5)), Text(r, 6))
        {
            ContactPointId = Text(r, 7),
            AccountIds = Ids(r.GetString(8)),
            Status = Parse<ReservationStatus>(r.GetString(9)),
            Outcome = Text(r, 10) is { } outcome ? Parse<ContactOutcome>(outcome) : null,
            SettledAt = NullableInstant(r, 11),
        };

    public static LedgerDecisionRecord ReadDecision(SqliteDataReader r)
        => new(r.GetInt64(0), r.GetString(1), Instant(r, 2), Parse<LedgerOperation>(r.GetString(3)), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), Text(r, 8), Text(r, 9))
        {
            InputsPurgedAt = NullableInstant(r, 10),
            ErasedAt = NullableInstant(r, 11),
        };

    public static ContactAttempt ReadAttempt(SqliteDataReader r)
        => new(Instant(r, 0), Parse<Channel>(r.GetString(1)), Parse<ContactDirection>(r.GetString(2)), Parse<ContactOutcome>(r.GetString(3)), Text(r, 4))
        {
            ContactPointId = Text(r, 5),
            AccountIds = Ids(r.GetString(6)),
        };

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
