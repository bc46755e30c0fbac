using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Testing;

/// <summary>
/// Readable, culture-invariant renderings of policies, accounts, persons and decisions, one fact per line, instants in ISO
/// form with the borrower's local time beside them: what counterexamples and failure messages are made of.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class Describe
{
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm ddd");

    /// <summary>A policy's summary: its steps, windows, caps, cooldowns, holds, exhaustion, consent and workplace rules.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>Multi-line text, ending with a line break.</returns>
    public static string Policy(CadencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var s = new StringBuilder();
        Line(s, $"policy '{policy.Name}': default zone {policy.DefaultZone?.Id ?? "-"}, horizon {policy.Horizon}, order {policy.SelectionOrder}, holidays {Holidays(policy.Holidays)}");
        foreach (var step in policy.Steps)
        {
            var what = step.Channel is { } channel ? $"{channel} '{step.Template}'" : $"escalation {step.EscalationKind}";
            var conditions = step.Conditions.IsEmpty ? string.Empty : $" when {string.Join(" and ", step.Conditions)}";
            var repeat = step.RepeatInterval?.ToString() ?? (step.RepeatCalendarDays is { } days ? $"once per {days.ToString(CultureInfo.InvariantCulture)} local days" : "-");
            Line(s, $"  step {step.Id}: {what}, days [{step.FromDay}, {step.ToDay}], priority {step.Priority}, repeat {repeat}, max {step.MaxAttempts?.ToString(CultureInfo.InvariantCulture) ?? "-"}{(step.Bundle ? ", bundles accounts" : string.Empty)}{conditions}");
        }

        foreach (var w in policy.Windows)
        {
            Line(s, $"  window {w.Name}: {w.Days} {string.Join(", ", w.Ranges)} on [{List(w.Channels, "all channels")}]{RegionsOf(w.Source)}");
        }

        foreach (var c in policy.Caps)
        {
            var kinds = c.ContactPointKinds.IsEmpty ? string.Empty : $" on [{string.Join(", ", c.ContactPointKinds)}] points";
            Line(s, $"  cap {c.Name}: {c.Limit} per {c.Period}, counting {Filter(c.Counts)}{kinds}{ScopeOf(c.Scope)}{RegionsOf(c.Source)}");
        }

        foreach (var c in policy.Cooldowns)
        {
            Line(s, $"  cooldown {c.Name}: after {Filter(c.Trigger)}, blocks [{List(c.Blocks, "all channels")}] for {c.Length}{ScopeOf(c.Scope)}{RegionsOf(c.Source)}");
        }

        foreach (var e in policy.ExhaustionRules)
        {
            Line(s, $"  exhaustion {e.Name}: {e.ConsecutiveFailures} consecutive [{string.Join(", ", e.FailureOutcomes)}] on [{List(e.Channels, "all channels")}]");
        }

        foreach (var h in policy.HoldRules)
        {
            var blocks = h.BlocksAllSteps ? "all steps" + (h.ExceptSteps.IsEmpty ? string.Empty : $" except [{string.Join(", ", h.ExceptSteps)}]") : $"channels [{string.Join(", ", h.BlockedChannels)}] steps [{string.Join(", ", h.BlockedSteps)}]";
            var grace = $" until the promised date + {h.GraceDaysAfterPromisedDate ?? 0} days";
            Line(s, $"  hold rule {h.Name}: '{h.Kind}' blocks {blocks}{grace}");
        }

        if (!policy.ContactPointPreference.IsEmpty)
        {
            Line(s, $"  contact points preferred by kind [{string.Join(", ", policy.ContactPointPreference)}]");
        }

        Line(s, $"  consent required [{string.Join(", ", policy.ConsentRequired)}], workplace restricted [{string.Join(", ", policy.WorkplaceRestricted)}], custom rules [{string.Join(", ", policy.CustomRules.Select(r => r.GetType().Name))}]");
        return s.ToString();
    }

    /// <summary>
    /// An account: its id, zones, due date, amount, autopay and tags, then one line per contact point, hold and history
    /// entry (history in time order, ISO instants with the local time in the borrower's first zone).
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="policy">The policy, whose default zone is the account's when it names none; optional.</param>
    /// <returns>Multi-line text, ending with a line break.</returns>
    public static string Account(BorrowerState account, CadencePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var s = new StringBuilder();
        var zones = account.TimeZoneIds.IsEmpty ? $"(none: default {policy?.DefaultZone?.Id ?? "-"})" : string.Join(", ", account.TimeZoneIds);
        var due = account.DueDate is { } d ? LocalDatePattern.Iso.Format(d) : "- (nothing owed)";
        Line(s, $"account {account.AccountId}: zones [{zones}], due {due}, amount {account.AmountDue}, autopay {(account.Autopay ? "on" : "off")}, tags [{string.Join(", ", account.Tags)}]");
        foreach (var p in account.ContactPoints)
        {
            Line(s, $"  contact point {p.Channel}: {Flags(p)}");
        }

        foreach (var h in account.Holds)
        {
            Line(s, $"  hold {Hold(h, account.TimeZoneIds, policy)}");
        }

        if (account.History.IsEmpty)
        {
            Line(s, $"  history: none");
        }

        foreach (var a in account.History.OrderBy(a => a.At))
        {
            Line(s, $"  history {At(a.At, account.TimeZoneIds, policy)} {a.Channel} {a.Direction} {a.Outcome} step {a.StepId ?? "-"}");
        }

        return s.ToString();
    }

    /// <summary>
    /// A person: its id, zones, regions and tags, then one line per hold of the person, account (due date, amount,
    /// autopay, tags, holds), contact point (id, channel, kind, flags) and history entry (in time order, with the point
    /// it used and the accounts it concerned; ISO instants with the local time in the person's first zone).
    /// </summary>
    /// <param name="person">The person.</param>
    /// <param name="policy">The policy, whose default zone is the person's when it names none; optional.</param>
    /// <returns>Multi-line text, ending with a line break.</returns>
    public static string Person(Person person, CadencePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        var s = new StringBuilder();
        var zones = person.TimeZoneIds.IsEmpty ? $"(none: default {policy?.DefaultZone?.Id ?? "-"})" : string.Join(", ", person.TimeZoneIds);
        Line(s, $"person {person.PersonId}: zones [{zones}], regions [{string.Join(", ", person.Regions)}], tags [{string.Join(", ", person.Tags)}]");
        foreach (var h in person.Holds)
        {
            Line(s, $"  person hold {Hold(h, person.TimeZoneIds, policy)}");
        }

        foreach (var a in person.Accounts)
        {
            var due = a.DueDate is { } d ? LocalDatePattern.Iso.Format(d) : "- (nothing owed)";
            Line(s, $"  account {a.AccountId}: due {due}, amount {a.AmountDue}, autopay {(a.Autopay ? "on" : "off")}, tags [{string.Join(", ", a.Tags)}]");
            foreach (var h in a.Holds)
            {
                Line(s, $"    account hold {Hold(h, person.TimeZoneIds, policy)}");
            }
        }

        foreach (var p in person.ContactPoints)
        {
            Line(s, $"  contact point {p.Id}: {p.Channel} {p.Kind}, {Flags(p)}");
        }

        if (person.History.IsEmpty)
        {
            Line(s, $"  history: none");
        }

        foreach (var a in person.History.OrderBy(a => a.At))
        {
            var about = a.AccountIds.IsEmpty ? "all accounts" : "accounts [" + string.Join(", ", a.AccountIds) + "]";
            Line(s, $"  history {At(a.At, person.TimeZoneIds, policy)} {a.Channel} on {a.ContactPointId ?? "any point"} about {about} {a.Direction} {a.Outcome} step {a.StepId ?? "-"}");
        }

        return s.ToString();
    }

    /// <summary>A decision, with its instants in the borrower's local time, then its explanation when it has one.</summary>
    /// <param name="decision">The decision.</param>
    /// <param name="account">The account it was made for, whose zones give the local times; optional.</param>
    /// <param name="policy">The policy, whose default zone is the account's when it names none; optional.</param>
    /// <returns>Multi-line text, ending with a line break.</returns>
    public static string Decision(Decision decision, BorrowerState? account = null, CadencePolicy? policy = null)
        => Decision(decision, account?.TimeZoneIds ?? [], policy);

    /// <summary>
    /// A person's decision: the contact (with its contact point and the accounts it is about) or other outcome, its
    /// instants in the person's local time, each escalation listed beside it, then its explanation when it has one.
    /// </summary>
    /// <param name="decision">The decision.</param>
    /// <param name="person">The person it was made for, whose zones give the local times.</param>
    /// <param name="policy">The policy, whose default zone is the person's when it names none; optional.</param>
    /// <returns>Multi-line text, ending with a line break.</returns>
    public static string Decision(Decision decision, Person person, CadencePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Decision(decision, person.TimeZoneIds, policy);
    }

    /// <summary>
    /// An instant in ISO form, followed by the local date, time and day of week in each of the account's zones
    /// (or the policy's default zone), e.g. <c>2026-03-08T07:00:00Z (2026-03-08 03:00 Sun America/New_York)</c>.
    /// </summary>
    /// <param name="instant">The instant.</param>
    /// <param name="account">The account whose zones to show; optional.</param>
    /// <param name="policy">The policy whose default zone to use when the account names none; optional.</param>
    /// <returns>One line of text.</returns>
    public static string At(Instant instant, BorrowerState? account = null, CadencePolicy? policy = null)
        => At(instant, account?.TimeZoneIds ?? [], policy);

    /// <summary>An instant in ISO form, followed by the local date, time and day of week in each of the person's zones (or the policy's default zone).</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="person">The person whose zones to show.</param>
    /// <param name="policy">The policy whose default zone to use when the person names none; optional.</param>
    /// <returns>One line of text.</returns>
    public static string At(Instant instant, Person person, CadencePolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        return At(instant, person.TimeZoneIds, policy);
    }

    internal static List<DateTimeZone> Zones(ImmutableArray<string> zoneIds, CadencePolicy? policy)
    {
        var provider = policy?.ZoneProvider ?? DateTimeZoneProviders.Tzdb;
        if (zoneIds.IsDefaultOrEmpty)
        {
            return policy?.DefaultZone is { } zone ? [zone] : [];
        }

        return [.. zoneIds.Select(id => id is null ? null : provider.GetZoneOrNull(id)).OfType<DateTimeZone>().Distinct()];
    }

    private static string Decision(Decision decision, ImmutableArray<string> zoneIds, CadencePolicy? policy)
    {
        var s = new StringBuilder();
        s.Append("decision ").Append(decision.ToString()).AppendLine();
        if (decision.Kind is DecisionKind.Contact or DecisionKind.Escalate && (decision.AccountIds.Length > 1 || decision.AccountIds.FirstOrDefault() != decision.AccountId || decision.ContactPointId is not null))
        {
            Line(s, $"  on contact point {decision.ContactPointId ?? "-"} about accounts [{string.Join(", ", decision.AccountIds)}]");
        }

        if (decision.NotBefore is { } notBefore)
        {
            Line(s, $"  not before {At(notBefore, zoneIds, policy)}");
        }

        if (decision.ReviewAt is { } reviewAt)
        {
            Line(s, $"  review at {At(reviewAt, zoneIds, policy)}");
        }

        foreach (var e in decision.Escalations)
        {
            Line(s, $"  escalation listed beside it: {e} about accounts [{string.Join(", ", e.AccountIds)}]");
        }

        if (decision.Explanation is { } explanation)
        {
            s.Append("  explanation:").AppendLine();
            s.Append(explanation.ToDisplayString());
        }

        return s.ToString();
    }

    private static string At(Instant instant, ImmutableArray<string> zoneIds, CadencePolicy? policy)
    {
        var zones = Zones(zoneIds, policy);
        return zones.Count == 0
            ? Iso(instant)
            : $"{Iso(instant)} ({string.Join("; ", zones.Select(z => LocalPattern.Format(instant.InZone(z).LocalDateTime) + " " + z.Id))})";
    }

    private static string Flags(ContactPoint p)
        => string.Join(
            ", ",
            new[] { p.OptedOut ? "opted out" : null, p.ConsentGiven ? "consent" : "no consent", p.IsWorkplace ? "workplace" : null, p.UpdatedAt is { } u ? "updated " + Iso(u) : null }.OfType<string>());

    private static string Hold(Hold h, ImmutableArray<string> zoneIds, CadencePolicy? policy)
    {
        var promised = h.PromisedDate is { } date ? ", promised " + LocalDatePattern.Iso.Format(date) : string.Empty;
        return $"{h.Kind}: [{At(h.From, zoneIds, policy)}, {(h.Until is { } until ? At(until, zoneIds, policy) : "open")}){promised}";
    }

    private static string ScopeOf(RuleScope scope) => scope == RuleScope.Person ? string.Empty : $", counted per {scope}";

    private static string RegionsOf(RuleSource? source) => source is { Regions.IsEmpty: false } ? $" (regions [{string.Join(", ", source.Regions)}] only)" : string.Empty;

    internal static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static string Holidays(IHolidayCalendar calendar)
        => calendar is HolidayCalendar list ? (list.IsEmpty ? "none" : $"{list.Name} ({list.Dates.Count} dates)") : calendar.ToString() ?? "-";

    private static string List<T>(IReadOnlyCollection<T> items, string whenEmpty) => items.Count == 0 ? whenEmpty : string.Join(", ", items);

    private static string Filter(AttemptFilter filter)
        => $"{filter.Directions} [{List(filter.Channels, "all channels")}]{(filter.Outcomes.IsEmpty ? string.Empty : $" ending [{string.Join(", ", filter.Outcomes)}]")}";

    private static void Line(StringBuilder s, FormattableString text) => s.Append(text.ToString(CultureInfo.InvariantCulture)).AppendLine();
}
