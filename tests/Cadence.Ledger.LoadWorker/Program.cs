using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Cadence.Ledger.LoadWorker;

/// <summary>
/// A load worker in a process of its own: <c>Cadence.Ledger.LoadWorker &lt;database file&gt; &lt;worker&gt; &lt;seed&gt;
/// [--workers n] [--stop-after-reserving n]</c>. It works until the run's clock stops, then prints <c>done</c> and what
/// it did; with <c>--stop-after-reserving n</c>, it prints <c>reserved &lt;id&gt; &lt;person&gt; &lt;key&gt;</c> after its
/// n-th reservation and blocks there, to be killed.
/// </summary>
public static class Program
{
    /// <summary>Runs one worker.</summary>
    /// <param name="args">The database file, the worker's number, the seed, and the options.</param>
    /// <returns>0 when the run ended; 1 when the worker failed; 2 for bad arguments.</returns>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 3 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var worker) || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var seed))
        {
            await Console.Error.WriteLineAsync("usage: Cadence.Ledger.LoadWorker <database file> <worker> <seed> [--workers n] [--stop-after-reserving n]").ConfigureAwait(false);
            return 2;
        }

        var workers = Option(args, "--workers") ?? LoadRun.DefaultWorkers;
        var stopAfterReserving = Option(args, "--stop-after-reserving");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = args[0] }.ToString();
        try
        {
            var loadWorker = new Worker(connectionString, new LoadRun(seed, workers), worker, Console.Out, stopAfterReserving);
            await loadWorker.RunAsync().ConfigureAwait(false);
            var r = loadWorker.Report;
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"done {worker} reserves={r.Reserves} reserved={r.Reserved} repeated={r.Repeated} completed={r.Completed} cancelled={r.Cancelled} abandoned={r.Abandoned} not-due={r.NotDue}")).ConfigureAwait(false);
            return 0;
        }
#pragma warning disable CA1031 // A worker reports any failure on its error stream and in its exit code, for the coordinator.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"worker {worker} failed: {e}").ConfigureAwait(false);
            return 1;
        }
    }

    private static int? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
