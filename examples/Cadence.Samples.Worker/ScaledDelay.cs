using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>
/// Waits in real time for a span of a clock that runs <c>speed</c> times faster than real time (1 for the system
/// clock), at most <see cref="MaxWait"/> of real time at once: the queue reads its clock after every wait, so a long
/// wait is several short ones and the clock, not the timer, decides when an account is due.
/// </summary>
internal sealed class ScaledDelay : IDelay
{
    /// <summary>The longest single wait, in real time.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    private readonly double speed;

    /// <summary>Creates the delay for a clock running at <paramref name="speed"/> times real time.</summary>
    /// <param name="speed">How many seconds of the clock pass per real second; positive.</param>
    public ScaledDelay(double speed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        this.speed = speed;
    }

    /// <inheritdoc />
    public Task DelayAsync(Duration duration, CancellationToken cancellationToken)
    {
        var real = duration.ToTimeSpan() / speed;
        return Task.Delay(real < TimeSpan.Zero ? TimeSpan.Zero : real > MaxWait ? MaxWait : real, cancellationToken);
    }
}
