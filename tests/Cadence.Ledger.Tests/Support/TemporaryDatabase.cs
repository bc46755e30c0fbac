using Microsoft.Data.Sqlite;

namespace Cadence.Ledger.Tests.Support;

/// <summary>A SQLite database file in a folder of its own, deleted with the folder when disposed.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    public TemporaryDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "cadence-ledger-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "ledger.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
