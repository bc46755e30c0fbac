using Cadence.Ledger.LoadWorker;

namespace Cadence.Ledger.Tests.Support;

/// <summary>Load workers in threads of the test process, each on a thread of its own (their ledger calls block).</summary>
internal sealed class ThreadWorkers : IWorkerGroup
{
    private readonly List<(Worker Worker, Thread Thread)> workers = [];
    private readonly List<Exception> failures = [];
    private readonly CancellationTokenSource stop = new();

    public ThreadWorkers(string connectionString, LoadRun run)
    {
        for (var w = 0; w < run.Workers; w++)
        {
            var worker = new Worker(connectionString, run, w, TextWriter.Null);
            var thread = new Thread(() =>
            {
                try
                {
                    worker.RunAsync(stop.Token).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
#pragma warning disable CA1031 // A worker's failure fails the test through PollAsync.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    lock (failures)
                    {
                        failures.Add(e);
                    }
                }
            })
            { IsBackground = true, Name = $"load worker {w}" };
            workers.Add((worker, thread));
        }

        Workers = [.. Enumerable.Range(0, run.Workers)];
    }

    public IReadOnlyList<int> Workers { get; }

    /// <summary>What the workers did.</summary>
    public IEnumerable<WorkerReport> Reports => workers.Select(w => w.Worker.Report);

    public void Start()
    {
        foreach (var (_, thread) in workers)
        {
            thread.Start();
        }
    }

    public Task PollAsync(long round, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        return Task.CompletedTask;
    }

    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, thread) in workers)
        {
            while (!thread.Join(0))
            {
                await Task.Delay(5, cancellationToken);
            }
        }

        ThrowIfFailed();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        foreach (var (_, thread) in workers)
        {
            thread.Join(TimeSpan.FromSeconds(30));
        }

        stop.Dispose();
    }

    private void ThrowIfFailed()
    {
        lock (failures)
        {
            if (failures.Count > 0)
            {
                throw new AggregateException("A load worker failed.", failures);
            }
        }
    }
}
