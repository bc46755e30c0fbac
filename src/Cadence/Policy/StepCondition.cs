using System.Globalization;
using Cadence.Internal;

namespace Cadence;

/// <summary>
/// A condition on the account that must hold for a step to be due. The vocabulary is fixed (tags, amount thresholds,
/// autopay, holds, day ranges) so that a policy stays declarative; <see cref="Custom"/> adds a named predicate in code.
/// </summary>
public abstract class StepCondition
{
    private protected StepCondition(string description, bool byValue)
    {
        Description = description;
        ComparesByValue = byValue;
    }

    /// <summary>A human-readable statement of the condition.</summary>
    public string Description { get; }

    private bool ComparesByValue { get; }

    /// <summary>The account carries <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The condition.</returns>
    public static StepCondition HasTag(string tag)
        => new Predicate($"has tag '{Guard.NotNullOrWhiteSpace(tag)}'", f => f.HasTag(tag), byValue: true);

    /// <summary>The account does not carry <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The condition.</returns>
    public static StepCondition LacksTag(string tag)
        => new Predicate($"lacks tag '{Guard.NotNullOrWhiteSpace(tag)}'", f => !f.HasTag(tag), byValue: true);

    /// <summary>The amount due is at least <paramref name="amount"/>.</summary>
    /// <param name="amount">The threshold.</param>
    /// <returns>The condition.</returns>
    public static StepCondition AmountAtLeast(decimal amount)
        => new Predicate(string.Create(CultureInfo.InvariantCulture, $"amount due >= {amount}"), f => f.State.AmountDue.Amount >= amount, byValue: true);

    /// <summary>The amount due is below <paramref name="amount"/>.</summary>
    /// <param name="amount">The threshold.</param>
    /// <returns>The condition.</returns>
    public static StepCondition AmountBelow(decimal amount)
        => new Predicate(string.Create(CultureInfo.InvariantCulture, $"amount due < {amount}"), f => f.State.AmountDue.Amount < amount, byValue: true);

    /// <summary>The borrower pays by automatic debit, or does not.</summary>
    /// <param name="enabled">The autopay status required.</param>
    /// <returns>The condition.</returns>
    public static StepCondition Autopay(bool enabled)
        => new Predicate(enabled ? "autopay on" : "autopay off", f => f.State.Autopay == enabled, byValue: true);

    /// <summary>
    /// A hold of <paramref name="kind"/> is in effect now, by the hold's own period (a hold rule's grace after a
    /// promised date is not applied here: a broken promise to pay is still a recorded hold).
    /// </summary>
    /// <param name="kind">The hold kind.</param>
    /// <returns>The condition.</returns>
    public static StepCondition HoldActive(HoldKind kind)
        => new Predicate($"hold '{kind}' in effect", f => f.ActiveHold(kind) is not null, byValue: true);

    /// <summary>No hold of <paramref name="kind"/> is in effect now, by the hold's own period.</summary>
    /// <param name="kind">The hold kind.</param>
    /// <returns>The condition.</returns>
    public static StepCondition NoHoldActive(HoldKind kind)
        => new Predicate($"no hold '{kind}' in effect", f => f.ActiveHold(kind) is null, byValue: true);

    /// <summary>Today's day relative to the due date lies in <c>[from, to]</c>.</summary>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day, inclusive.</param>
    /// <returns>The condition.</returns>
    public static StepCondition DaysFromDueBetween(int from, int to)
        => new Predicate(string.Create(CultureInfo.InvariantCulture, $"day from due in [{from}, {to}]"), f => f.DayFromDue >= from && f.DayFromDue <= to, byValue: true);

    /// <summary>A named predicate written in code (not expressible in a policy file).</summary>
    /// <param name="name">The condition's name, shown in explanations.</param>
    /// <param name="predicate">The predicate; it must be pure and thread-safe.</param>
    /// <returns>The condition.</returns>
    public static StepCondition Custom(string name, Func<AccountFacts, bool> predicate)
        => new Predicate(Guard.NotNullOrWhiteSpace(name), Guard.NotNull(predicate), byValue: false);

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

    private sealed class Predicate(string description, Func<AccountFacts, bool> predicate, bool byValue) : StepCondition(description, byValue)
    {
        private protected override bool Evaluate(AccountFacts facts) => predicate(facts);
    }
}
