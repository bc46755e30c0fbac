using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Cadence.Internal;

namespace Cadence.Explanations;

/// <summary>
/// Why a decision was made. Carries no personal data beyond the account id of its decision. Made by the engine (or
/// read back from a stored decision); immutable.
/// </summary>
public sealed record DecisionExplanation
{
    internal DecisionExplanation(ImmutableArray<CandidateExplanation> candidates, ImmutableArray<ExplanationReason> reasons)
    {
        Candidates = candidates.IsDefault ? [] : candidates;
        Reasons = reasons.IsDefault ? [] : reasons;
    }

    /// <summary>The candidates considered, in declaration order.</summary>
    public ImmutableArray<CandidateExplanation> Candidates { get; }

    /// <summary>Reasons for the decision as a whole (no step due, next step opens…).</summary>
    public ImmutableArray<ExplanationReason> Reasons { get; }

    /// <summary>Whether <paramref name="other"/> says the same, element by element.</summary>
    /// <param name="other">Another explanation.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(DecisionExplanation? other)
        => other is not null && Sequence.Equal(Candidates, other.Candidates) && Sequence.Equal(Reasons, other.Reasons);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Sequence.Hash(Candidates), Sequence.Hash(Reasons));

    /// <summary>A readable, multi-line rendering.</summary>
    /// <returns>The text.</returns>
    public string ToDisplayString()
    {
        var s = new StringBuilder();
        foreach (var r in Reasons)
        {
            s.Append("  - ").Append(r).AppendLine();
            Sources(s, r, "      ");
        }

        foreach (var c in Candidates)
        {
            s.Append(CultureInfo.InvariantCulture, $"  * {c.StepId} [{(c.Channel is { } ch ? ch.ToString() : "escalation")}] {c.Status}");
            if (c.AccountId is { } account)
            {
                s.Append(" about ").Append(account);
            }

            if (c.ContactPointId is { } point)
            {
                s.Append(" on ").Append(point);
            }

            if (c.NotBefore is { } nb)
            {
                s.Append(CultureInfo.InvariantCulture, $" not before {nb}");
            }

            s.AppendLine();
            foreach (var r in c.Reasons)
            {
                s.Append("      ").Append(r).AppendLine();
                Sources(s, r, "          ");
            }
        }

        return s.ToString();
    }

    /// <summary>The sources of a pack's rule, one per line under its reason: <c>per us-regulation-f: 12 CFR 1006.14(b)(2) [V]</c>.</summary>
    private static void Sources(StringBuilder s, ExplanationReason reason, string indent)
    {
        foreach (var source in reason.Sources)
        {
            s.Append(indent).Append("per ").Append(source).AppendLine();
        }
    }
}
