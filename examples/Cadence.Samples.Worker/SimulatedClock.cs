using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>
/// A clock for demonstrations: the first time it is read it reads <c>start</c>, and from then on it runs <c>speed</c>
/// times faster than its source (3600: an hour passes every second). With a speed of 1 it is the source shifted to
/// another day. Thread-safe.
/// </summary>
internal sealed class SimulatedClock : IClock
{
    private readonly IClock source;
    private readonly Lazy<Instant> origin;
    private readonly Instant start;
    private readonly double speed;

    /// <summary>Creates the clock.</summary>
    /// <param name="source">The clock whose ticks it counts, faster.</param>
    /// <param name="start">What it reads the first time it is read.</param>
    /// <param name="speed">How many of its seconds pass per second of <paramref name="source"/>; positive.</param>
    public SimulatedClock(IClock source, Instant start, double speed)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        this.source = source;
        this.start = start;
        this.speed = speed;
        origin = new Lazy<Instant>(source.GetCurrentInstant, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public Instant GetCurrentInstant()
    {
        var from = origin.Value;
        return start + ((source.GetCurrentInstant() - from) * speed);
    }
}
