using NodaTime;

namespace Cadence.Ledger;

/// <summary>How a <see cref="ContactLedger"/> reserves, expires and keeps its records.</summary>
public sealed record LedgerOptions
{
    /// <summary>The defaults.</summary>
    public static LedgerOptions Default { get; } = new();

    /// <summary>
    /// How long a reservation stays open: one neither completed nor cancelled by then expires and counts as an attempt
    /// whose outcome is <see cref="ContactOutcome.Unknown"/> (fail closed). Fifteen minutes by default.
    /// </summary>
    public Duration ReservationTimeToLive { get; init; } = Duration.FromMinutes(15);

    /// <summary>
    /// How long the inputs of a decision (the person as evaluated) are kept for replay; <see cref="ContactLedger.PurgeAsync"/>
    /// removes older ones. Three years and a day by default: Regulation F keeps records of collection activity for three
    /// years (12 CFR 1006.100). The decision, its explanation and its policy are kept.
    /// </summary>
    public Duration InputRetention { get; init; } = Duration.FromDays((3 * 365) + 2);

    /// <summary>
    /// The secret key pseudonyms are made with when a person is erased (HMAC-SHA256 of each id). Keep it secret and
    /// stable: the same key gives the same pseudonym, so evidence about one person stays linked. Required for
    /// <see cref="ContactLedger.EraseAsync"/>.
    /// </summary>
#pragma warning disable CA1819 // A key is bytes; the ledger copies it.
    public byte[]? PseudonymKey { get; init; }
#pragma warning restore CA1819

    /// <summary>How the engine evaluates; explanations are always collected, as the audit keeps them.</summary>
    public CadenceEvaluator Evaluator { get; init; }
}
