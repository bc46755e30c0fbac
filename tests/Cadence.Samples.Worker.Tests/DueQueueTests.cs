using Cadence.Samples.Worker.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace Cadence.Samples.Worker.Tests;

public sealed class DueQueueTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 9, 14, 30);

    [Fact]
    public async Task DequeueWhenDueAsync_ItemsEnqueuedOutOfOrder_ComeOutByDueInstantEachWhenTheClockReachesIt()
    {
        var clock = new FakeClock(Start);
        var delay = new AutoAdvancingDelay(clock);
        var queue = new DueQueue<string>(clock, delay);
        queue.Enqueue("three hours", Start + Duration.FromHours(3));
        queue.Enqueue("one hour", Start + Duration.FromHours(1));
        queue.Enqueue("already due", Start - Duration.FromMinutes(5));
        queue.Enqueue("two hours", Start + Duration.FromHours(2));

        Assert.True(queue.TryPeek(out var first, out var firstDue));
        Assert.Equal(("already due", Start - Duration.FromMinutes(5)), (first, firstDue));

        var seen = new List<(string, Instant)>();
        while (queue.Count > 0)
        {
            var item = await queue.DequeueWhenDueAsync(TestContext.Current.CancellationToken);
            seen.Add((item, clock.GetCurrentInstant()));
        }

        Assert.Equal(
            [
                ("already due", Start),
                ("one hour", Start + Duration.FromHours(1)),
                ("two hours", Start + Duration.FromHours(2)),
                ("three hours", Start + Duration.FromHours(3)),
            ],
            seen);
        Assert.Equal([Duration.FromHours(1), Duration.FromHours(1), Duration.FromHours(1)], delay.Requested);
    }

    [Fact]
    public async Task DequeueWhenDueAsync_ItemsDueAtTheSameInstant_ComeOutInTheOrderTheyWentIn()
    {
        var clock = new FakeClock(Start);
        var queue = new DueQueue<int>(clock, new AutoAdvancingDelay(clock));
        for (var i = 0; i < 100; i++)
        {
            queue.Enqueue(i, Start);
        }

        var seen = new List<int>();
        while (queue.Count > 0)
        {
            seen.Add(await queue.DequeueWhenDueAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(Enumerable.Range(0, 100), seen);
    }

    [Fact]
    public async Task DequeueWhenDueAsync_WaitEndsBeforeTheItemIsDue_WaitsAgainForTheRestAndNeverReturnsItEarly()
    {
        var clock = new FakeClock(Start);
        var delay = new ManualDelay();
        var queue = new DueQueue<string>(clock, delay);
        queue.Enqueue("at 15:30", Start + Duration.FromHours(1));

        var dequeue = queue.DequeueWhenDueAsync(TestContext.Current.CancellationToken);
        var wait = await delay.NextAsync();
        Assert.Equal(Duration.FromHours(1), wait.Duration);

        clock.Advance(Duration.FromMinutes(59));
        wait.End();
        var rest = await delay.NextAsync();

        Assert.False(dequeue.IsCompleted);
        Assert.Equal(Duration.FromMinutes(1), rest.Duration);

        clock.Advance(Duration.FromMinutes(1));
        rest.End();

        Assert.Equal("at 15:30", await dequeue);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task DequeueWhenDueAsync_EarlierItemEnqueuedWhileWaiting_StopsWaitingAndReturnsIt()
    {
        var clock = new FakeClock(Start);
        var delay = new ManualDelay();
        var queue = new DueQueue<string>(clock, delay);
        queue.Enqueue("tomorrow", Start + Duration.FromDays(1));

        var dequeue = queue.DequeueWhenDueAsync(TestContext.Current.CancellationToken);
        var wait = await delay.NextAsync();
        queue.Enqueue("now", Start);

        Assert.Equal("now", await dequeue);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.Task);
        Assert.True(queue.TryPeek(out var next, out var due));
        Assert.Equal(("tomorrow", Start + Duration.FromDays(1)), (next, due));
    }

    [Fact]
    public async Task DequeueWhenDueAsync_EmptyQueue_WaitsForAnItem()
    {
        var clock = new FakeClock(Start);
        var queue = new DueQueue<string>(clock, new ManualDelay());

        var dequeue = queue.DequeueWhenDueAsync(TestContext.Current.CancellationToken);
        Assert.False(dequeue.IsCompleted);

        queue.Enqueue("new", Start);

        Assert.Equal("new", await dequeue);
    }

    [Fact]
    public async Task DequeueWhenDueAsync_CancelledWhileWaiting_StopsAtOnceAndKeepsTheItem()
    {
        var clock = new FakeClock(Start);
        var delay = new ManualDelay();
        var queue = new DueQueue<string>(clock, delay);
        queue.Enqueue("next week", Start + Duration.FromDays(7));
        using var stop = new CancellationTokenSource();

        var dequeue = queue.DequeueWhenDueAsync(stop.Token);
        var wait = await delay.NextAsync();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dequeue);
        Assert.True(wait.IsCancelled);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task DequeueWhenDueAsync_CancelledWhileTheQueueIsEmpty_StopsAtOnce()
    {
        var queue = new DueQueue<string>(new FakeClock(Start), new ManualDelay());
        using var stop = new CancellationTokenSource();

        var dequeue = queue.DequeueWhenDueAsync(stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dequeue);
    }
}
