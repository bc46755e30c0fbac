using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cadence.Internal;
using NodaTime;

namespace Cadence;

/// <summary>The conveniences every <see cref="ICadenceEngine"/> has, written once on top of its two members.</summary>
public static class CadenceEngineExtensions
{
    /// <summary>Decides for one account at the current instant of the engine's <see cref="ICadenceEngine.Clock"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="account">The account's state.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="InvalidOperationException">The engine has no clock.</exception>
    public static Decision EvaluateNow(this ICadenceEngine engine, BorrowerState account)
    {
        Guard.NotNull(engine);
        var clock = engine.Clock ?? throw new InvalidOperationException("This engine has no IClock: pass the evaluation instant, or construct it (or register it) with a clock.");
        return engine.Evaluate(account, clock.GetCurrentInstant());
    }

    /// <summary>Decides for one person at the current instant of the engine's <see cref="ICadenceEngine.Clock"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="person">The person.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="InvalidOperationException">The engine has no clock.</exception>
    public static Decision EvaluateNow(this ICadenceEngine engine, Person person)
    {
        Guard.NotNull(engine);
        var clock = engine.Clock ?? throw new InvalidOperationException("This engine has no IClock: pass the evaluation instant, or construct it (or register it) with a clock.");
        return engine.Evaluate(person, clock.GetCurrentInstant());
    }

    /// <summary>Decides for every person, one decision per person in input order, partitioned over the processors.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="persons">The persons.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>The decisions, index for index.</returns>
    public static Decision[] EvaluateBatch(this ICadenceEngine engine, IReadOnlyList<Person> persons, Instant now, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(engine);
        Guard.NotNull(persons);
        var results = new Decision[persons.Count];
        engine.EvaluateBatch(persons, results, now, cancellationToken);
        return results;
    }

    /// <summary>Decides for every account, one decision per account in input order, partitioned over the processors.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="accounts">The accounts.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>The decisions, index for index.</returns>
    public static Decision[] EvaluateBatch(this ICadenceEngine engine, IReadOnlyList<BorrowerState> accounts, Instant now, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(engine);
        Guard.NotNull(accounts);
        var results = new Decision[accounts.Count];
        engine.EvaluateBatch(accounts, results, now, cancellationToken);
        return results;
    }

    /// <summary>As <see cref="ICadenceEngine.EvaluateBatch(IReadOnlyList{BorrowerState}, Memory{Decision}, Instant, CancellationToken)"/>, for accounts in memory (an array's memory is used as it is).</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="accounts">The accounts.</param>
    /// <param name="destination">Where the decisions go; at least as long as <paramref name="accounts"/>.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    public static void EvaluateBatch(this ICadenceEngine engine, ReadOnlyMemory<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(engine);
        IReadOnlyList<BorrowerState> list = MemoryMarshal.TryGetArray(accounts, out var segment) ? segment : accounts.ToArray();
        engine.EvaluateBatch(list, destination, now, cancellationToken);
    }

    /// <summary>
    /// Decides for a stream of accounts too large to hold at once: reads them in chunks, evaluates each chunk as a batch
    /// and yields one decision per account, in input order.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="accounts">The accounts.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="chunkSize">How many accounts are evaluated together.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The decisions.</returns>
    public static IAsyncEnumerable<Decision> EvaluateStream(this ICadenceEngine engine, IAsyncEnumerable<BorrowerState> accounts, Instant now, int chunkSize = 8192, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(engine);
        Guard.NotNull(accounts);
        Guard.AtLeast(chunkSize, 1);
        return Stream(engine, accounts, now, chunkSize, cancellationToken);
    }

    /// <summary>Refuses a destination too short for a batch.</summary>
    internal static void EnsureRoom(Memory<Decision> destination, int count)
    {
        if (destination.Length < count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} decisions; {count} are needed.", nameof(destination));
        }
    }

    private static async IAsyncEnumerable<Decision> Stream(ICadenceEngine engine, IAsyncEnumerable<BorrowerState> accounts, Instant now, int chunkSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
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
