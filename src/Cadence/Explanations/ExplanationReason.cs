using System.Globalization;
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

    /// <inheritdoc />
    public override string ToString() => Until is not { } u ? $"{Code} by {RuleName}"
        : Code is ReasonCode.Chosen or ReasonCode.Outranked ? string.Create(CultureInfo.InvariantCulture, $"{Code} by {RuleName} at {u}")
        : string.Create(CultureInfo.InvariantCulture, $"{Code} by {RuleName} until {u}");
}
