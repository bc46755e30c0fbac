using System.Collections.Immutable;
using Cadence.Internal;

namespace Cadence;

/// <summary>
/// Where a rule of a policy comes from: the jurisdiction pack that made it, the legal text it encodes and how sure that
/// reading is. Kept through <see cref="CadencePolicy.Compose"/>, shown in explanations.
/// </summary>
/// <param name="PackId">The pack's id (e.g. <c>regulation-f</c>).</param>
/// <param name="Citation">The legal citation (e.g. <c>12 CFR 1006.14(b)(2)</c>).</param>
/// <param name="Confidence">How the figure was established.</param>
public sealed record RuleSource(string PackId, string Citation, SourceConfidence Confidence)
{
    /// <summary>
    /// The regions (ISO 3166 codes or subdivisions such as <c>US-MA</c>) whose residents the rule applies to; empty:
    /// everyone. A region matches a person's region equal to it or inside it (<c>US</c> matches <c>US-MA</c>).
    /// </summary>
    public ImmutableArray<string> Regions { get; init => field = value.IsDefault ? [] : value; } = [];

    /// <summary>The mark of <see cref="Confidence"/> used in the packs' documentation: <c>[V]</c>, <c>[U]</c> or <c>[D]</c>.</summary>
    public string Mark => Confidence switch
    {
        SourceConfidence.Verified => "[V]",
        SourceConfidence.Unverified => "[U]",
        _ => "[D]",
    };

    /// <summary>Whether <paramref name="other"/> has the same values, collections compared element by element.</summary>
    /// <param name="other">Another source.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(RuleSource? other)
        => other is not null && PackId == other.PackId && Citation == other.Citation && Confidence == other.Confidence && Sequence.Equal(Regions, other.Regions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(PackId, Citation, Confidence, Sequence.Hash(Regions));

    /// <inheritdoc />
    public override string ToString() => Regions.IsEmpty ? $"{PackId}: {Citation} {Mark}" : $"{PackId} ({string.Join(", ", Regions)}): {Citation} {Mark}";
}
