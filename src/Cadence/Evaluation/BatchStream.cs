using System.Runtime.CompilerServices;
using Cadence.Internal;
using NodaTime;

namespace Cadence.Evaluation;

/// <summary>Evaluates a stream of accounts chunk by chunk with an engine's batch evaluation; shared by every engine.</summary>
internal static class BatchStream
{
    public static async IAsyncEnumerable<Decision> Evaluate(ICadenceEngine engine, IAsyncEnumerable<BorrowerState> accounts, Instant now, int chunkSize, [EnumeratorCancellation] CancellationToken cancellationToken)
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
