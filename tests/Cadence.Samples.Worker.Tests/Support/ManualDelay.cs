using System.Collections.Concurrent;
using NodaTime;

namespace Cadence.Samples.Worker.Tests.Support;

/// <summary>A wait that lasts until the test ends it (or it is cancelled); the test sees each wait as it is asked for.</summary>
internal sealed class ManualDelay : IDelay
{
    private readonly ConcurrentQueue<PendingWait> waits = new();
    private readonly SemaphoreSlim asked = new(0);

    public Task DelayAsync(Duration duration, CancellationToken cancellationToken)
    {
        var wait = new PendingWait(duration, cancellationToken);
        waits.Enqueue(wait);
        asked.Release();
        return wait.Task;
    }

    /// <summary>The next wait the code under test asks for, once it has asked.</summary>
    public async Task<PendingWait> NextAsync()
    {
        await asked.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(waits.TryDequeue(out var wait));
        return wait;
    }
}

/// <summary>One wait asked of a <see cref="ManualDelay"/>.</summary>
internal sealed class PendingWait
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingWait(Duration duration, CancellationToken cancellationToken)
    {
        Duration = duration;
        cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
    }

    public Duration Duration { get; }

    public Task Task => completion.Task;

    public bool IsCancelled => completion.Task.IsCanceled;

    /// <summary>Ends the wait, as a timer would.</summary>
    public void End() => completion.TrySetResult();
}
