using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>A contact that broke a rule, found by the <see cref="ComplianceChecker"/>.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Kind">What kind of rule.</param>
/// <param name="Rule">The rule's name in the policy (e.g. <c>reg-f-7-in-7</c>, <c>window:reg-f-hours</c>).</param>
/// <param name="At">When the offending contact was made.</param>
/// <param name="Related">The instants of the earlier events that make it a violation (the counted contacts, the cooldown's trigger, the hold's start).</param>
/// <param name="Message">What is wrong, readably.</param>
/// <param name="EventIndex">The offending contact's position in its timeline's events; -1 for an attempt of the initial history.</param>
public sealed record ComplianceViolation(string AccountId, ViolationKind Kind, string Rule, Instant At, ImmutableArray<Instant> Related, string Message, int EventIndex)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{AccountId} at {At}: {Kind} {Rule}: {Message}");
}
