using NodaTime;

namespace Cadence.Ledger;

/// <summary>
/// A decision as the ledger keeps it for audit: who, when, what decided (policy, time-zone database, engine), what it
/// decided and why, and what it was given. Immutable.
/// </summary>
/// <param name="Id">The decision's id, given by the store.</param>
/// <param name="PersonId">The person (after erasure, their pseudonym).</param>
/// <param name="Now">The evaluation instant.</param>
/// <param name="Operation">What was asked.</param>
/// <param name="PolicyId">The <see cref="LedgerPolicy.Id"/> of the policy that decided.</param>
/// <param name="TzdbVersion">The time-zone database's version (<c>DateTimeZoneProviders.Tzdb.VersionId</c>).</param>
/// <param name="EngineVersion">The Cadence engine's version.</param>
/// <param name="ResultJson">The decision with its explanation (<c>DecisionJson.Write</c>), or for a check its answer.</param>
/// <param name="InputsJson">The person as evaluated, the ledger's history and open reservations merged in (<c>PersonJson.Write</c>); <see langword="null"/> once purged.</param>
/// <param name="ProposedJson">For a check: the proposed contact.</param>
public sealed record LedgerDecisionRecord(
    long Id,
    string PersonId,
    Instant Now,
    LedgerOperation Operation,
    string PolicyId,
    string TzdbVersion,
    string EngineVersion,
    string ResultJson,
    string? InputsJson,
    string? ProposedJson)
{
    /// <summary>When the inputs were purged, if they were.</summary>
    public Instant? InputsPurgedAt { get; init; }

    /// <summary>When the person was erased (ids pseudonymised), if they were.</summary>
    public Instant? ErasedAt { get; init; }
}
