using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>A contact that broke a rule, found by the <see cref="ComplianceChecker"/>.</summary>
/// <param name="AccountId">The account: the one the broken rule was counted for, else the first the contact was about.</param>
/// <param name="Kind">What kind of rule.</param>
/// <param name="Rule">The rule's name in the policy (e.g. <c>reg-f-7-in-7</c>, <c>window:reg-f-hours</c>).</param>
/// <param name="At">When the offending contact was made.</param>
/// <param name="Related">The instants of the earlier events that make it a violation (the counted contacts, the cooldown's trigger, the hold's start).</param>
/// <param name="Message">What is wrong, readably.</param>
/// <param name="EventIndex">The offending contact's position in its timeline's events; -1 for an attempt of the initial history.</param>
public sealed record ComplianceViolation(string AccountId, ViolationKind Kind, string Rule, Instant At, ImmutableArray<Instant> Related, string Message, int EventIndex)
{
    /// <summary>The person the contact was with (for an account's timeline, the account's id).</summary>
    public string? PersonId { get; init; }

    /// <summary>
    /// What the broken rule counts over: the person, an account or a contact point (a cap, a cooldown, an exhausted or
    /// blocked point, a hold of the person or of an account, a step of an account); <see langword="null"/> for a window.
    /// </summary>
    public RuleScope? Scope { get; init; }

    /// <summary>The id of the person, account or contact point the rule was broken at (see <see cref="Scope"/>).</summary>
    public string? ScopeKey { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var who = PersonId is null || PersonId == AccountId ? AccountId : $"{PersonId} ({AccountId})";
        var where = Scope switch
        {
            null => string.Empty,
            RuleScope.Person => $" at person {ScopeKey}",
            RuleScope.Account => $" at account {ScopeKey}",
            _ => $" at contact point {ScopeKey}",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{who} at {At}: {Kind} {Rule}{where}: {Message}");
    }
}
