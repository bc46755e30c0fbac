namespace Cadence.Ledger.Sqlite;

/// <summary>One step of the schema: its version, what it does, and its SQL, applied in one transaction.</summary>
/// <param name="Version">The schema version it brings the database to (1, 2, … in order).</param>
/// <param name="Description">What it does.</param>
/// <param name="Sql">Its statements.</param>
internal sealed record SqliteMigration(int Version, string Description, string Sql);
