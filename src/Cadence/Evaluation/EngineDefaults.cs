using System.Runtime.CompilerServices;
using Cadence.Internal;
using NodaTime;

namespace Cadence.Evaluation;

/// <summary>What every engine does the same way, written once: the clock's instant, a batch into a new array, a stream.</summary>
internal static class EngineDefaults
{
    /// <summary>The current instant of an engine's clock, for <see cref="ICadenceEngine.EvaluateNow"/>.</summary>
    public static Instant Now(IClock? clock)
        => (clock ?? throw new InvalidOperationException("This engine has no IClock: pass the evaluation instant, or construct it (or register it) with a clock.")).GetCurrentInstant();

    /// <summary>Refuses a destination too short for a batch.</summary>
    public static void EnsureRoom(Memory<Decision> destination, int count)
    {
        if (destination.Length < count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} decisions; {count} are needed.", nameof(destination));
        }
    }

    /// <summary>A batch into a new array, one decision per account.</summary>
    public static Decision[] EvaluateBatch(ICadenceEngine engine, IReadOnlyList<BorrowerState> accounts, Instant now, CancellationToken cancellationToken)
    {
        Guard.NotNull(accounts);
        var results = new Decision[accounts.Count];
        engine.EvaluateBatch(accounts, results, now, cancellationToken);
        return results;
    }

    /// <summary>Evaluates a stream of accounts chunk by chunk with the engine's batch evaluation, in input order.</summary>
    public static async IAsyncEnumerable<Decision> EvaluateStream(ICadenceEngine engine, IAsyncEnumerable<BorrowerState> accounts, Instant now, int chunkSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Guard.NotNull(accounts);
        Guard.AtLeast(chunkSize, 1);
        var chunk = new List<BorrowerState>(chunkSize);
        var results = new Decision[chunkSize];
        await foreach (var account in accounts.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(account);
            if (chunk.Count == chunkSize)
            {
                engine.EvaluateBatch(chunk, results, now, cancellationToken);
                for (var i = 0; i < chunk.Count; i++)
                {
                    yield return results[i];
                }

                chunk.Clear();
            }
        }

        engine.EvaluateBatch(chunk, results.AsMemory(0, chunk.Count), now, cancellationToken);
        for (var i = 0; i < chunk.Count; i++)
        {
            yield return results[i];
        }
    }
}
