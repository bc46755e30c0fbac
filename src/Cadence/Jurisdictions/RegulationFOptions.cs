using System.Collections.Immutable;
using NodaTime;

namespace Cadence.Jurisdictions;

/// <summary>The figures of <see cref="JurisdictionPacks.UsRegulationF"/> a lender may tune; the defaults are the strict ones.</summary>
public sealed record RegulationFOptions
{
    /// <summary>
    /// Calls that never connected (failed, busy) do not count toward the 7 (a widely stated reading, not verified in
    /// the rule's text). Off by default: every placed call counts.
    /// </summary>
    public bool ExcludeUnconnectedCalls { get; init; }

    /// <summary>The least time between two placed calls (two unanswered calls within 5 minutes suggest harassment); 5 minutes by default, <see langword="null"/> for none.</summary>
    public Duration? MinimumGapBetweenCalls { get; init; } = Duration.FromMinutes(5);

    /// <summary>At most this many texts a local day (numerous texts a day suggest harassment); 3 by default, <see langword="null"/> for no cap.</summary>
    public int? TextsPerDay { get; init; } = 3;

    /// <summary>At most this many e-mails a local day; 3 by default, <see langword="null"/> for no cap.</summary>
    public int? EmailsPerDay { get; init; } = 3;

    /// <summary>Texts need the borrower's prior express consent (TCPA); on by default.</summary>
    public bool RequireTextConsent { get; init; } = true;

    /// <summary>
    /// At most this many placed calls to the person in 7 consecutive local days, whatever debts they were about: the
    /// aggregate pattern across debts can rebut the per-debt presumption (comment 14(b)(4)-1), so a lender may add this
    /// per-person cap. <see langword="null"/> (the default) for none: the 7-in-7 then counts per debt only.
    /// </summary>
    public int? CallsPerPersonIn7Days { get; init; }

    /// <summary>Steps still allowed after a cease-communication request (e.g. a letter acknowledging it or naming a remedy).</summary>
    public ImmutableArray<string> CeaseAcknowledgementSteps { get; init => field = value.IsDefault ? [] : value; } = [];
}
