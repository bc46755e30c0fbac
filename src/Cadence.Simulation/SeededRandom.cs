namespace Cadence.Simulation;

/// <summary>
/// A seeded pseudo-random stream (SplitMix64). Unlike the runtime's Random class, whose seeded sequence the runtime does
/// not promise to keep, this algorithm is fixed, so a seed gives the same simulation on every machine and runtime; and
/// a stream per account keeps the draws independent of the order in which accounts are processed.
/// </summary>
internal struct SeededRandom
{
    private ulong state;

    public SeededRandom(ulong seed) => state = seed;

    /// <summary>A stream for one account: the run's seed mixed with the account's position.</summary>
    public static SeededRandom For(int seed, int account) => new(Mix(((ulong)(uint)seed << 32) ^ (uint)account ^ 0x5DEECE66DUL));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int Next(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min));

    /// <summary>A number in [0, <paramref name="max"/>).</summary>
    public int Next(int max) => Next(0, max);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
