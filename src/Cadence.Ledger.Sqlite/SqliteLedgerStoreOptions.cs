using NodaTime;

namespace Cadence.Ledger.Sqlite;

/// <summary>How a <see cref="SqliteLedgerStore"/> uses its database.</summary>
public sealed record SqliteLedgerStoreOptions
{
    /// <summary>The defaults.</summary>
    public static SqliteLedgerStoreOptions Default { get; } = new();

    /// <summary>
    /// How long a transaction waits for another connection's write lock (SQLite's busy timeout) before failing; thirty
    /// seconds by default.
    /// </summary>
    public Duration BusyTimeout { get; init; } = Duration.FromSeconds(30);
}
