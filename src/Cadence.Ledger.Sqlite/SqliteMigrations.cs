namespace Cadence.Ledger.Sqlite;

/// <summary>
/// The ledger's schema, as an ordered list of migrations: a database records each one applied in <c>schema_version</c>.
/// Never edit a migration that was released: add the next one.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(1, "contact ledger: policies, decisions, reservations, attempts, requests, reservation events", """
            CREATE TABLE policies (
                id TEXT PRIMARY KEY,
                sha256 TEXT NOT NULL,
                text TEXT NOT NULL,
                holiday_files TEXT NOT NULL
            );
            CREATE TABLE decisions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                person_id TEXT NOT NULL,
                now_ticks INTEGER NOT NULL,
                operation TEXT NOT NULL,
                policy_id TEXT NOT NULL REFERENCES policies (id),
                tzdb_version TEXT NOT NULL,
                engine_version TEXT NOT NULL,
                result_json TEXT NOT NULL,
                inputs_json TEXT,
                proposed_json TEXT,
                inputs_purged_ticks INTEGER,
                erased_ticks INTEGER
            );
            CREATE INDEX decisions_by_person ON decisions (person_id, id);
            CREATE INDEX decisions_with_inputs_by_time ON decisions (now_ticks) WHERE inputs_json IS NOT NULL;
            CREATE TABLE reservations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                person_id TEXT NOT NULL,
                decision_id INTEGER NOT NULL REFERENCES decisions (id),
                at_ticks INTEGER NOT NULL,
                expires_ticks INTEGER NOT NULL,
                channel TEXT NOT NULL,
                step_id TEXT,
                contact_point_id TEXT,
                account_ids TEXT NOT NULL,
                status TEXT NOT NULL,
                outcome TEXT,
                settled_ticks INTEGER
            );
            CREATE INDEX reservations_open_by_person ON reservations (person_id, id) WHERE status = 'Open';
            CREATE INDEX reservations_open_by_expiry ON reservations (expires_ticks) WHERE status = 'Open';
            CREATE TABLE attempts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                person_id TEXT NOT NULL,
                at_ticks INTEGER NOT NULL,
                channel TEXT NOT NULL,
                direction TEXT NOT NULL,
                outcome TEXT NOT NULL,
                step_id TEXT,
                contact_point_id TEXT,
                account_ids TEXT NOT NULL,
                reservation_id INTEGER REFERENCES reservations (id),
                superseded INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX attempts_by_person ON attempts (person_id, at_ticks);
            CREATE INDEX attempts_by_reservation ON attempts (reservation_id) WHERE reservation_id IS NOT NULL;
            CREATE TABLE requests (
                key TEXT PRIMARY KEY,
                person_id TEXT NOT NULL,
                decision_id INTEGER NOT NULL REFERENCES decisions (id),
                reservation_id INTEGER REFERENCES reservations (id)
            );
            CREATE INDEX requests_by_person ON requests (person_id);
            CREATE TABLE reservation_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                reservation_id INTEGER NOT NULL REFERENCES reservations (id),
                at_ticks INTEGER NOT NULL,
                kind TEXT NOT NULL,
                outcome TEXT
            );
            CREATE INDEX reservation_events_by_reservation ON reservation_events (reservation_id, id);
            """),
    ];
}
