using NodaTime;
using NodaTime.Testing;

namespace Cadence.Samples.Worker.Tests.Support;

/// <summary>A wait that takes no time: it moves the fake clock on by the duration asked for, and records it.</summary>
internal sealed class AutoAdvancingDelay(FakeClock clock) : IDelay
{
    public List<Duration> Requested { get; } = [];

    public Task DelayAsync(Duration duration, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Requested.Add(duration);
        clock.Advance(duration);
        return Task.CompletedTask;
    }
}
