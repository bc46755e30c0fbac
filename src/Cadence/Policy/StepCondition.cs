using System.Globalization;
using Cadence.CustomRules;
using Cadence.Internal;

namespace Cadence;

// The one intended exception to the one-way layers (Model <- Policy <- CustomRules <- Evaluation <- Engine): a
// condition is evaluated over the facts custom rules see, so Policy refers to CustomRules.AccountFacts here.

/// <summary>
/// A condition on the account that must hold for a step to be due. The vocabulary is fixed (tags, amount thresholds,
/// autopay, holds, day ranges) so that a policy stays declarative; <see cref="Custom"/> adds a named predicate in code.
/// </summary>
public abstract class StepCondition
{
    private protected StepCondition(string description, StepConditionKind kind)
    {
        Description = description;
        Kind = kind;
    }

    /// <summary>A human-readable statement of the condition.</summary>
    public string Description { get; }

    /// <summary>Which condition of the vocabulary this is; <see cref="StepConditionKind.Custom"/> for a predicate written in code.</summary>
    public StepConditionKind Kind { get; }

    /// <summary>For <see cref="StepConditionKind.HasTag"/> and <see cref="StepConditionKind.LacksTag"/>: the tag.</summary>
    public string? Tag { get; private init; }

    /// <summary>For <see cref="StepConditionKind.AmountAtLeast"/> and <see cref="StepConditionKind.AmountBelow"/>: the threshold.</summary>
    public decimal? Amount { get; private init; }

    /// <summary>For <see cref="StepConditionKind.Autopay"/>: the autopay status required.</summary>
    public bool? AutopayEnabled { get; private init; }

    /// <summary>For <see cref="StepConditionKind.HoldActive"/> and <see cref="StepConditionKind.NoHoldActive"/>: the hold kind.</summary>
    public HoldKind? Hold { get; private init; }

    /// <summary>For <see cref="StepConditionKind.DaysFromDueBetween"/>: the first and last day, inclusive.</summary>
    public (int From, int To)? Days { get; private init; }

    private bool ComparesByValue => Kind != StepConditionKind.Custom;

    /// <summary>The account carries <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The condition.</returns>
    public static StepCondition HasTag(string tag)
        => new Predicate($"has tag '{Guard.NotNullOrWhiteSpace(tag)}'", f => f.HasTag(tag), StepConditionKind.HasTag) { Tag = tag };

    /// <summary>The account does not carry <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The condition.</returns>
    public static StepCondition LacksTag(string tag)
        => new Predicate($"lacks tag '{Guard.NotNullOrWhiteSpace(tag)}'", f => !f.HasTag(tag), StepConditionKind.LacksTag) { Tag = tag };

    /// <summary>The amount due is at least <paramref name="amount"/>.</summary>
    /// <param name="amount">The threshold.</param>
    /// <returns>The condition.</returns>
    public static StepCondition AmountAtLeast(decimal amount)
        => new Predicate(string.Create(CultureInfo.InvariantCulture, $"amount due >= {amount}"), f => f.AmountDue.Amount >= amount, StepConditionKind.AmountAtLeast) { Amount = amount };

    /// <summary>The amount due is below <paramref name="amount"/>.</summary>
    /// <param name="amount">The threshold.</param>
    /// <returns>The condition.</returns>
    public static StepCondition AmountBelow(decimal amount)
        => new Predicate(string.Create(CultureInfo.InvariantCulture, $"amount due < {amount}"), f => f.AmountDue.Amount < amount, StepConditionKind.AmountBelow) { Amount = amount };

    /// <summary>The borrower pays by automatic debit, or does not.</summary>
    /// <param name="enabled">The autopay status required.</param>
    /// <returns>The condition.</returns>
    public static StepCondition Autopay(bool enabled)
        => new Predicate(enabled ? "autopay on" : "autopay off", f => f.Autopay == enabled, StepConditionKind.Autopay) { AutopayEnabled = enabled };

    /// <summary>
    /// A hold of <paramref name="kind"/> is in effect now, by the hold's own period (a hold rule's grace after a
    /// promised date is not applied here: a broken promise to pay is still a recorded hold).
    /// </summary>
    /// <param name="kind">The hold kind.</param>
    /// <returns>The condition.</returns>
    public static StepCondition HoldActive(HoldKind kind)
        => new Predicate($"hold '{kind}' in effect", f => f.ActiveHold(kind) is not null, StepConditionKind.HoldActive) { Hold = kind };

    /// <summary>No hold of <paramref name="kind"/> is in effect now, by the hold's own period.</summary>
    /// <param name="kind">The hold kind.</param>
    /// <returns>The condition.</returns>
    public static StepCondition NoHoldActive(HoldKind kind)
        => new Predicate($"no hold '{kind}' in effect", f => f.ActiveHold(kind) is null, StepConditionKind.NoHoldActive) { Hold = kind };

    /// <summary>Today's day relative to the due date lies in <c>[from, to]</c>.</summary>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day, inclusive.</param>
    /// <returns>The condition.</returns>
    public static StepCondition DaysFromDueBetween(int from, int to)
        => new Predicate(string.Create(CultureInfo.InvariantCulture, $"day from due in [{from}, {to}]"), f => f.DayFromDue >= from && f.DayFromDue <= to, StepConditionKind.DaysFromDueBetween) { Days = (from, to) };

    /// <summary>A named predicate written in code (not expressible in a policy file).</summary>
    /// <param name="name">The condition's name, shown in explanations.</param>
    /// <param name="predicate">The predicate; it must be pure and thread-safe.</param>
    /// <returns>The condition.</returns>
    public static StepCondition Custom(string name, Func<AccountFacts, bool> predicate)
        => new Predicate(Guard.NotNullOrWhiteSpace(name), Guard.NotNull(predicate), StepConditionKind.Custom);

    /// <summary>Whether the condition holds for the account.</summary>
    /// <param name="facts">The account's facts.</param>
    /// <returns><see langword="true"/> when it holds.</returns>
    public bool IsSatisfiedBy(AccountFacts facts) => Evaluate(Guard.NotNull(facts));

    /// <inheritdoc />
    public override string ToString() => Description;

    /// <summary>
    /// Conditions of the fixed vocabulary are equal when they say the same thing; a <see cref="Custom"/> condition is
    /// equal only to itself.
    /// </summary>
    /// <param name="obj">Another object.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public override bool Equals(object? obj)
        => ReferenceEquals(this, obj) || (ComparesByValue && obj is StepCondition other && other.ComparesByValue && Description == other.Description);

    /// <inheritdoc />
    public override int GetHashCode() => ComparesByValue ? StringComparer.Ordinal.GetHashCode(Description) : base.GetHashCode();

    private protected abstract bool Evaluate(AccountFacts facts);

    private sealed class Predicate(string description, Func<AccountFacts, bool> predicate, StepConditionKind kind) : StepCondition(description, kind)
    {
        private protected override bool Evaluate(AccountFacts facts) => predicate(facts);
    }
}
