using NodaTime;

namespace Cadence;

/// <summary>
/// Decides the next allowed contact for accounts under one policy. Minimal on purpose: one account, and a batch into a
/// caller's buffer; <see cref="CadenceEngineExtensions"/> adds the conveniences (the clock's instant, a batch into a
/// new array, a batch from memory, a stream) on top of these for every implementation.
/// </summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface ICadenceEngine
{
    /// <summary>The policy the engine evaluates.</summary>
    CadencePolicy Policy { get; }

    /// <summary>What evaluator the engine uses and what it compiled, for logs and diagnostics.</summary>
    string Description { get; }

    /// <summary>The clock <see cref="CadenceEngineExtensions.EvaluateNow"/> reads; <see langword="null"/> when the engine has none.</summary>
    IClock? Clock { get; }

    /// <summary>Decides for one account at <paramref name="now"/>.</summary>
    /// <param name="account">The account's state.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <returns>The decision; an invalid account or a failing rule gives an <see cref="DecisionKind.Error"/> decision.</returns>
    Decision Evaluate(BorrowerState account, Instant now);

    /// <summary>
    /// Decides for every account into <paramref name="destination"/>, index for index, partitioned over the processors;
    /// allocates nothing per account on the compiled evaluator with explanations off. A <see langword="null"/> account
    /// gets an error decision; every account gets one decision.
    /// </summary>
    /// <param name="accounts">The accounts (an array or a list).</param>
    /// <param name="destination">Where the decisions go; at least as long as <paramref name="accounts"/>.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default);
}
