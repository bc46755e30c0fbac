using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>
/// Items ordered by the instant they fall due. <see cref="DequeueWhenDueAsync"/> returns the earliest item once the
/// clock has reached its instant, never before: it waits with the <see cref="IDelay"/> and reads the clock again after
/// every wait, so a wait that ends early, or a clock that is moved by hand in a test, is handled the same way. Items
/// due at the same instant come out in the order they went in.
/// </summary>
/// <remarks>
/// Thread-safe: items may be enqueued from any thread while one consumer waits; an enqueue wakes the consumer, which
/// then waits for whichever item is now the earliest.
/// </remarks>
/// <typeparam name="T">The item, e.g. an account id.</typeparam>
/// <param name="clock">Says what time it is.</param>
/// <param name="delay">Waits for the next item to fall due.</param>
internal sealed class DueQueue<T>(IClock clock, IDelay delay)
{
    private readonly PriorityQueue<T, (Instant Due, long Order)> items = new();
    private readonly Lock gate = new();
    private long enqueued;
    private TaskCompletionSource? changed;

    /// <summary>How many items are queued.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="item"/> to fall due at <paramref name="due"/>.</summary>
    /// <param name="item">The item.</param>
    /// <param name="due">When it falls due; an instant already past is due at once.</param>
    public void Enqueue(T item, Instant due)
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            items.Enqueue(item, (due, enqueued++));
            wake = changed;
            changed = null;
        }

        wake?.TrySetResult();
    }

    /// <summary>The earliest item and when it falls due, without removing it.</summary>
    /// <param name="item">The earliest item.</param>
    /// <param name="due">When it falls due.</param>
    /// <returns><see langword="false"/> when the queue is empty.</returns>
    public bool TryPeek(out T item, out Instant due)
    {
        lock (gate)
        {
            var found = items.TryPeek(out item!, out var key);
            due = key.Due;
            return found;
        }
    }

    /// <summary>
    /// Removes and returns the earliest item once the clock reads its instant or later; while the queue is empty, waits
    /// for an item.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The item.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async Task<T> DequeueWhenDueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task wake;
            Duration? wait = null;
            lock (gate)
            {
                if (items.TryPeek(out var item, out var key))
                {
                    var now = clock.GetCurrentInstant();
                    if (key.Due <= now)
                    {
                        items.Dequeue();
                        return item;
                    }

                    wait = key.Due - now;
                }

                changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wake = changed.Task;
            }

            if (wait is not { } duration)
            {
                await wake.WaitAsync(cancellationToken);
                continue;
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sleeping = delay.DelayAsync(duration, sleep.Token);
            if (await Task.WhenAny(sleeping, wake) != sleeping)
            {
                // Something was enqueued, perhaps earlier than what we were waiting for: stop sleeping and look again.
                await sleep.CancelAsync();
            }

            try
            {
                await sleeping;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
    }
}
