namespace Cadence.Ledger.Tests.Support;

/// <summary>The workers of a load run, threads or processes, as the coordinator sees them.</summary>
internal interface IWorkerGroup : IAsyncDisposable
{
    /// <summary>The workers' numbers.</summary>
    IReadOnlyList<int> Workers { get; }

    /// <summary>Starts every worker.</summary>
    void Start();

    /// <summary>Looks after the workers while a round runs: fails when one failed, kills and replaces those due to die.</summary>
    /// <param name="round">The round running.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    Task PollAsync(long round, CancellationToken cancellationToken);

    /// <summary>Waits for every worker to leave, once the clock is stopped; fails when one failed.</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    Task WaitForExitAsync(CancellationToken cancellationToken);
}
