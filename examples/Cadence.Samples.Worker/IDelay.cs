using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>
/// Waits for a span of the worker's clock. The worker's code never waits any other way, so a test can replace the wait
/// along with the clock (a <c>FakeClock</c> that the wait advances) and run a day of decisions without waiting at all.
/// </summary>
internal interface IDelay
{
    /// <summary>Waits for <paramref name="duration"/> of the worker's clock, or less: callers read the clock again afterwards.</summary>
    /// <param name="duration">How long, on the worker's clock.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when the wait is over, or is cancelled.</returns>
    Task DelayAsync(Duration duration, CancellationToken cancellationToken);
}
