using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Cadence.Ledger.LoadWorker;

namespace Cadence.Ledger.Tests.Support;

/// <summary>
/// Load workers in child processes (the load worker program, built beside the tests), on the same database file. Some
/// are told to stop after their n-th reservation: each is killed with SIGKILL as soon as it says what it reserved, and
/// replaced by a new process of the same worker. Some are killed at random moments of a round and replaced the same way.
/// </summary>
internal sealed class ProcessWorkers : IWorkerGroup
{
    private const string Program = "Cadence.Ledger.LoadWorker.dll";

    private readonly string databaseFile;
    private readonly LoadRun run;
    private readonly IReadOnlyDictionary<int, int> stopAfterReserving;
    private readonly IReadOnlyDictionary<long, (int Worker, TimeSpan After)> randomKills;
    private readonly Func<KilledReservation, Task> onKilled;
    private readonly Dictionary<int, WorkerProcess> processes = [];
    private readonly Stopwatch sinceRoundStarted = new();
    private readonly HashSet<long> killsDone = [];
    private long round = -1;

    /// <summary>Prepares the workers (started by <see cref="Start"/>).</summary>
    /// <param name="databaseFile">The database file.</param>
    /// <param name="run">The run.</param>
    /// <param name="stopAfterReserving">The workers whose first process stops after its n-th reservation, with n.</param>
    /// <param name="randomKills">The rounds in which a worker's process is killed, wherever it is, some time after the round starts (or in the next round, if the round ends before).</param>
    /// <param name="onKilled">Called when a process that stopped after reserving was killed, before it is replaced.</param>
    public ProcessWorkers(string databaseFile, LoadRun run, IReadOnlyDictionary<int, int> stopAfterReserving, IReadOnlyDictionary<long, (int Worker, TimeSpan After)> randomKills, Func<KilledReservation, Task> onKilled)
    {
        this.databaseFile = databaseFile;
        this.run = run;
        this.stopAfterReserving = stopAfterReserving;
        this.randomKills = randomKills;
        this.onKilled = onKilled;
        Workers = [.. Enumerable.Range(0, run.Workers)];
    }

    public IReadOnlyList<int> Workers { get; }

    /// <summary>The reservations whose worker was killed between reserve and complete.</summary>
    public List<KilledReservation> KilledAfterReserving { get; } = [];

    /// <summary>The workers killed at a random moment, with the round.</summary>
    public List<(int Worker, long Round)> KilledAtRandom { get; } = [];

    /// <summary>How many processes were started.</summary>
    public int Started { get; private set; }

    /// <summary>The last line of every process that ended its run (<c>done …</c>).</summary>
    public List<string> DoneLines { get; } = [];

    public void Start()
    {
        foreach (var w in Workers)
        {
            Launch(w, stopAfterReserving.TryGetValue(w, out var n) ? n : null);
        }
    }

    public async Task PollAsync(long round, CancellationToken cancellationToken)
    {
        if (round != this.round)
        {
            this.round = round;
            sinceRoundStarted.Restart();
        }

        foreach (var (w, process) in processes.ToList())
        {
            if (process.Reserved.TryDequeue(out var line))
            {
                // "reserved <id> <person> <key>": the worker sits between reserve and complete. Kill it there.
                var parts = line.Split(' ');
                var killed = new KilledReservation(w, long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2], parts[3]);
                await process.KillAsync();
                KilledAfterReserving.Add(killed);
                await onKilled(killed);
                Launch(w, null);
            }
            else if (process.Process.HasExited)
            {
                throw new InvalidOperationException($"Load worker {w} ended during the run with exit code {process.Process.ExitCode}: {process.Errors}");
            }
        }

        // A kill planned for a round that ended too soon for it comes in the next one.
        foreach (var (at, kill) in randomKills.Where(k => k.Key <= round && !killsDone.Contains(k.Key)).ToList())
        {
            if (at < round || sinceRoundStarted.Elapsed >= kill.After)
            {
                await processes[kill.Worker].KillAsync();
                killsDone.Add(at);
                KilledAtRandom.Add((kill.Worker, round));
                Launch(kill.Worker, null);
            }
        }
    }

    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        foreach (var (w, process) in processes)
        {
            await process.Process.WaitForExitAsync(cancellationToken);
            await process.Drained.WaitAsync(cancellationToken);
            if (process.Process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Load worker {w} failed with exit code {process.Process.ExitCode}: {process.Errors}");
            }

            DoneLines.Add(process.Done ?? $"worker {w} said nothing");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes.Values)
        {
            if (!process.Process.HasExited)
            {
                await process.KillAsync();
            }

            process.Process.Dispose();
        }
    }

    /// <summary>The .NET host that runs the worker program: the one running the tests, or the one beside this runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } current && Path.GetFileName(current) == name)
        {
            return current;
        }

        // The runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var beside = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", name));
        return File.Exists(beside) ? beside : name;
    }

    private void Launch(int worker, int? stopAfter)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, Program));
        start.ArgumentList.Add(databaseFile);
        start.ArgumentList.Add(worker.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(run.Seed.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--workers");
        start.ArgumentList.Add(run.Workers.ToString(CultureInfo.InvariantCulture));
        if (stopAfter is { } n)
        {
            start.ArgumentList.Add("--stop-after-reserving");
            start.ArgumentList.Add(n.ToString(CultureInfo.InvariantCulture));
        }

        if (processes.Remove(worker, out var old))
        {
            old.Process.Dispose();
        }

        processes[worker] = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException($"Load worker {worker} did not start."));
        Started++;
    }

    /// <summary>A worker's process and what it said.</summary>
    private sealed class WorkerProcess
    {
        private readonly StringBuilder errors = new();
        private readonly TaskCompletionSource outputEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public WorkerProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    outputEnded.TrySetResult();
                }
                else if (e.Data.StartsWith("reserved ", StringComparison.Ordinal))
                {
                    Reserved.Enqueue(e.Data);
                }
                else if (e.Data.StartsWith("done ", StringComparison.Ordinal))
                {
                    Done = e.Data;
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public ConcurrentQueue<string> Reserved { get; } = new();

        public string? Done { get; private set; }

        public Task Drained => outputEnded.Task;

        public string Errors
        {
            get
            {
                lock (errors)
                {
                    return errors.ToString();
                }
            }
        }

        /// <summary>Kills the process with SIGKILL (on Linux and macOS), where it stands, and waits for it to be gone.</summary>
        public async Task KillAsync()
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }
    }
}
