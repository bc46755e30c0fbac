using System.Collections.Immutable;
using System.Globalization;
using Cadence.Internal;
using NodaTime;

namespace Cadence.Explanations;

/// <summary>One rule's part in a decision. Made by the engine (or read back from a stored decision); immutable.</summary>
public sealed record ExplanationReason
{
    internal ExplanationReason(string ruleName, ReasonCode code, Instant? until = null)
    {
        RuleName = ruleName;
        Code = code;
        Until = until;
    }

    /// <summary>The rule, by name (e.g. <c>cap:reg-f-7-calls-in-7-days</c>); the grammar is in <c>docs/concepts.md</c>.</summary>
    public string RuleName { get; }

    /// <summary>What it did.</summary>
    public ReasonCode Code { get; }

    /// <summary>Until when it holds, if known.</summary>
    public Instant? Until { get; }

    /// <summary>
    /// Where the rule comes from when a jurisdiction pack made it: its pack, legal citation and mark (several for a
    /// window reason naming several windows); empty for the lender's own rules and the engine's guards.
    /// </summary>
    public ImmutableArray<RuleSource> Sources
    {
        get => field.IsDefault ? [] : field;
        internal init;
    }

    /// <summary>Whether <paramref name="other"/> says the same, sources compared element by element.</summary>
    /// <param name="other">Another reason.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(ExplanationReason? other)
        => other is not null && RuleName == other.RuleName && Code == other.Code && Until == other.Until && Sequence.Equal(Sources, other.Sources);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleName, Code, Until, Sequence.Hash(Sources));

    /// <inheritdoc />
    public override string ToString() => Until is not { } u ? $"{Code} by {RuleName}"
        : Code is ReasonCode.Chosen or ReasonCode.Outranked ? string.Create(CultureInfo.InvariantCulture, $"{Code} by {RuleName} at {u}")
        : string.Create(CultureInfo.InvariantCulture, $"{Code} by {RuleName} until {u}");
}
