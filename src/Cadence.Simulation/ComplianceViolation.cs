using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Cadence.Simulation;

/// <summary>What kind of rule a contact broke.</summary>
public enum ViolationKind
{
    /// <summary>A contact window was closed in one of the borrower's zones.</summary>
    Window = 0,

    /// <summary>A frequency cap was exceeded.</summary>
    Cap,

    /// <summary>A cooldown after an earlier contact was still running.</summary>
    Cooldown,

    /// <summary>A hold (dispute, promise to pay, cease communication…) blocked the contact.</summary>
    Hold,

    /// <summary>The channel was blocked by its contact point: missing, opted out, no consent, or a workplace address.</summary>
    ContactPoint,

    /// <summary>The channel was exhausted by consecutive failures.</summary>
    Exhaustion,

    /// <summary>The step was used outside its days, beyond its attempts, or before its repeat interval.</summary>
    Step,
}

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
