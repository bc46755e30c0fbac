using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Tests.Support;

/// <summary>
/// An independent, deliberately plain re-reading of semantics.md for a person's decision (it calls none of the engine's
/// evaluation code): the contact the decision proposes is recorded at its NotBefore — on its contact point, concerning
/// every account it is about, serving its step, with any outcome — and every cap is counted at every scope key the
/// contact touches (the person, each account it is about, its point) in every window of the cap's shape that contains
/// NotBefore; every cooldown is checked both ways; a rule limited to regions binds only a person of one of them (or of unknown regions); the point must not be opted out, lack consent, be workplace-restricted
/// or exhausted, and no hold of the person or of an account it is about may block its step at NotBefore.
/// </summary>
public static class PersonCompliance
{
    public static List<string> Check(CadencePolicy policy, Person person, Instant now, Decision d)
    {
        var problems = new List<string>();
        var zones = person.TimeZoneIds.IsEmpty ? [policy.DefaultZone!] : person.TimeZoneIds.Select(id => DateTimeZoneProviders.Tzdb[id]).ToList();
        var first = zones[0];
        if (d.Kind is DecisionKind.Contact or DecisionKind.Escalate)
        {
            CheckAction(policy, person, now, d, zones, first, problems, string.Empty);
        }

        if (d.Kind != DecisionKind.Contact && d.Kind != DecisionKind.Escalate && !d.Escalations.IsEmpty)
        {
            problems.Add($"a {d.Kind} decision lists escalations");
        }

        foreach (var e in d.Escalations)
        {
            if (e.Kind != DecisionKind.Escalate || e.Step is not { IsEscalation: true })
            {
                problems.Add($"listed escalation {e} is not an escalation");
                continue;
            }

            if (e.AccountIds.Intersect(d.AccountIds).Any())
            {
                problems.Add($"listed escalation {e} is about an account the decision is about");
            }

            CheckAction(policy, person, now, e, zones, first, problems, "listed escalation: ");
        }

        return problems;
    }

    /// <summary>Only the timing: NotBefore at or after now and inside the allowed window in every zone, for the decision and its listed escalations.</summary>
    public static List<string> Timing(CadencePolicy policy, Person person, Instant now, Decision d)
    {
        var problems = new List<string>();
        var zones = person.TimeZoneIds.IsEmpty ? [policy.DefaultZone!] : person.TimeZoneIds.Select(id => DateTimeZoneProviders.Tzdb[id]).ToList();
        foreach (var action in d.Kind is DecisionKind.Contact or DecisionKind.Escalate ? d.Escalations.Prepend(d) : d.Escalations)
        {
            if (action.NotBefore is not { } t)
            {
                problems.Add($"{action.Kind} without NotBefore");
                continue;
            }

            if (t < now)
            {
                problems.Add($"NotBefore {Iso(t)} is before now {Iso(now)}");
            }

            if (action.Step?.Channel is { } channel)
            {
                CheckWindows(policy, person, channel, t, zones, problems, string.Empty);
            }
        }

        return problems;
    }

    private static void CheckAction(CadencePolicy policy, Person person, Instant now, Decision d, List<DateTimeZone> zones, DateTimeZone first, List<string> problems, string prefix)
    {
        var step = d.Step!;
        var t = d.NotBefore!.Value;
        if (t < now)
        {
            problems.Add($"{prefix}NotBefore {Iso(t)} is before now {Iso(now)}");
        }

        if (t > now + policy.Horizon)
        {
            problems.Add($"{prefix}NotBefore {Iso(t)} is beyond the horizon");
        }

        var accounts = new List<Account>();
        if (d.AccountIds.IsEmpty)
        {
            problems.Add($"{prefix}the decision is about no account");
        }

        foreach (var id in d.AccountIds)
        {
            if (person.Accounts.FirstOrDefault(a => a.AccountId == id) is not { } account)
            {
                problems.Add($"{prefix}the decision names an unknown account '{id}'");
                continue;
            }

            accounts.Add(account);
            if (account.DueDate is null || account.AmountDue is { Currency: not null, Amount: <= 0 })
            {
                problems.Add($"{prefix}account {id} owes nothing but gets step {step.Id}");
            }
        }

        CheckHolds(policy, person, step, t, accounts, first, problems, prefix);
        if (step.Channel is not { } channel)
        {
            if (d.ContactPointId is not null)
            {
                problems.Add($"{prefix}an escalation names contact point {d.ContactPointId}");
            }

            return;
        }

        if (d.ContactPointId is not { } pointId || person.ContactPoints.FirstOrDefault(p => p.Id == pointId) is not { } point)
        {
            problems.Add($"{prefix}the contact names no known contact point ({d.ContactPointId ?? "none"})");
            return;
        }

        if (point.Channel != channel)
        {
            problems.Add($"{prefix}point {point.Id} is on {point.Channel}, the step on {channel}");
        }

        if (point.OptedOut)
        {
            problems.Add($"{prefix}point {point.Id} is opted out");
        }

        if (policy.ConsentRequired.Contains(channel) && !point.ConsentGiven)
        {
            problems.Add($"{prefix}point {point.Id} lacks the consent {channel} requires");
        }

        if (policy.WorkplaceRestricted.Contains(channel) && point.IsWorkplace)
        {
            problems.Add($"{prefix}point {point.Id} is a workplace point and {channel} is workplace-restricted");
        }

        foreach (var rule in policy.ExhaustionRules.Where(r => Binds(r.Source, person)))
        {
            if ((rule.Channels.IsEmpty || rule.Channels.Contains(channel)) && Failures(person, point, rule, now) >= rule.ConsecutiveFailures)
            {
                problems.Add($"{prefix}point {point.Id} is exhausted by {rule.Name}");
            }
        }

        CheckWindows(policy, person, channel, t, zones, problems, prefix);
        CheckRepeat(person, step, t, accounts, first, problems, prefix);

        // The contact, recorded: it concerns every account it is about and uses its point.
        var contact = new ContactAttempt(t, channel, ContactDirection.Outbound, ContactOutcome.Sent, step.Id) { ContactPointId = point.Id, AccountIds = [.. d.AccountIds] };
        foreach (var cap in policy.Caps.Where(c => Binds(c.Source, person)))
        {
            CheckCap(person, cap, contact, point, accounts, first, problems, prefix);
        }

        foreach (var cooldown in policy.Cooldowns.Where(c => Binds(c.Source, person)))
        {
            CheckCooldown(person, cooldown, contact, point, accounts, first, problems, prefix);
        }
    }

    private static void CheckHolds(CadencePolicy policy, Person person, CadenceStep step, Instant t, List<Account> accounts, DateTimeZone first, List<string> problems, string prefix)
    {
        var holds = person.Holds.Select(h => (h, "person")).Concat(accounts.SelectMany(a => a.Holds.Select(h => (h, "account " + a.AccountId))));
        foreach (var (hold, owner) in holds)
        {
            foreach (var rule in policy.HoldRules.Where(r => r.Kind == hold.Kind && Binds(r.Source, person)))
            {
                var blocks = (rule.BlocksAllSteps && !rule.ExceptSteps.Contains(step.Id)) || rule.BlockedSteps.Contains(step.Id) || (step.Channel is { } c && rule.BlockedChannels.Contains(c));
                if (!blocks)
                {
                    continue;
                }

                var until = hold.Until;
                if (hold.PromisedDate is { } promised && (hold.Kind == HoldKind.PromiseToPay || rule.GraceDaysAfterPromisedDate is not null))
                {
                    var lapse = first.AtStartOfDay(promised.PlusDays((rule.GraceDaysAfterPromisedDate ?? 0) + 1)).ToInstant();
                    until = until is { } u && u < lapse ? u : lapse;
                }

                if (hold.From <= t && (until is null || t < until))
                {
                    problems.Add($"{prefix}{owner} hold {hold.Kind} blocks step {step.Id} at {Iso(t)} under {rule.Name}");
                }
            }
        }
    }

    private static void CheckWindows(CadencePolicy policy, Person person, Channel channel, Instant t, List<DateTimeZone> zones, List<string> problems, string prefix)
    {
        foreach (var zone in zones)
        {
            var local = t.InZone(zone).LocalDateTime;
            var kinds = local.DayOfWeek switch
            {
                IsoDayOfWeek.Saturday => DayKinds.Saturday,
                IsoDayOfWeek.Sunday => DayKinds.Sunday,
                _ => DayKinds.Weekday,
            };
            if (policy.Holidays.IsHoliday(local.Date))
            {
                kinds |= DayKinds.Holiday;
            }

            foreach (var w in policy.Windows.Where(w => Binds(w.Source, person) && (w.Channels.IsEmpty || w.Channels.Contains(channel)) && (w.Days & kinds) != 0))
            {
                var time = local.TimeOfDay;
                if (!w.Ranges.Any(r => time >= r.Start && (r.End == LocalTime.Midnight || time < r.End)))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}NotBefore {local:uuuu-MM-dd HH:mm} in {zone.Id} is outside window {w.Name} {string.Join(",", w.Ranges)}"));
                }
            }
        }
    }

    private static void CheckRepeat(Person person, CadenceStep step, Instant t, List<Account> accounts, DateTimeZone first, List<string> problems, string prefix)
    {
        foreach (var account in accounts)
        {
            foreach (var a in person.History.Where(a => a.StepId == step.Id && a.Direction == ContactDirection.Outbound && a.Concerns(account.AccountId) && a.At <= t))
            {
                var next = step.RepeatInterval is { } interval ? a.At + interval
                    : step.RepeatCalendarDays is { } days ? first.AtStartOfDay(a.At.InZone(first).Date.PlusDays(days)).ToInstant()
                    : (Instant?)null;
                if (next is { } n && t < n)
                {
                    problems.Add($"{prefix}step {step.Id} repeats for account {account.AccountId} at {Iso(t)}, before {Iso(n)} (served at {Iso(a.At)})");
                }
            }
        }
    }

    /// <summary>
    /// Whether the cap's filter matches <paramref name="a"/> by channel and direction, and by outcome unless it is the
    /// proposed contact or an attempt whose outcome is unknown (either may have ended in any outcome).
    /// </summary>
    private static bool Matches(AttemptFilter f, ContactAttempt a, bool proposed)
        => (f.Channels.IsEmpty ? a.Channel != Channel.None : f.Channels.Contains(a.Channel))
           && (a.Direction == ContactDirection.Outbound ? f.Directions.HasFlag(DirectionFilter.Outbound) : f.Directions.HasFlag(DirectionFilter.Inbound))
           && (proposed || a.Outcome == ContactOutcome.Unknown || f.Outcomes.IsEmpty || f.Outcomes.Contains(a.Outcome));

    private static bool UsesPoint(ContactAttempt a, ContactPoint p) => a.Channel == p.Channel && (a.ContactPointId is null || a.ContactPointId == p.Id);

    private static bool ConcernsAccount(ContactAttempt a, string accountId) => a.AccountIds.IsEmpty || a.AccountIds.Contains(accountId);

    private static void CheckCap(Person person, FrequencyCap cap, ContactAttempt contact, ContactPoint point, List<Account> accounts, DateTimeZone first, List<string> problems, string prefix)
    {
        if (!Matches(cap.Counts, contact, proposed: true) || (!cap.ContactPointKinds.IsEmpty && !cap.ContactPointKinds.Contains(point.Kind)))
        {
            return;
        }

        bool OfKind(ContactAttempt a)
            => cap.ContactPointKinds.IsEmpty
               || (a.ContactPointId is { } id && person.ContactPoints.FirstOrDefault(p => p.Id == id) is { } named ? cap.ContactPointKinds.Contains(named.Kind) : true);

        var counted = person.History.Where(a => Matches(cap.Counts, a, proposed: false) && OfKind(a)).ToList();
        var keys = new List<(string Key, List<ContactAttempt> Attempts)>();
        switch (cap.Scope)
        {
            case RuleScope.Person:
                keys.Add(("person", counted));
                break;
            case RuleScope.Account:
                keys.AddRange(accounts.Select(acc => ("account " + acc.AccountId, counted.Where(a => ConcernsAccount(a, acc.AccountId)).ToList())));
                break;
            default:
                keys.Add(("point " + point.Id, counted.Where(a => UsesPoint(a, point)).ToList()));
                break;
        }

        var t = contact.At;
        foreach (var (key, attempts) in keys)
        {
            var all = attempts.Append(contact).ToList();
            foreach (var (from, to, label) in Windows(cap.Period, t, first, all))
            {
                var n = all.Count(a => from(a.At) && to(a.At));
                if (n > cap.Limit)
                {
                    problems.Add($"{prefix}cap {cap.Name} (limit {cap.Limit}, {cap.Period}) at {key}: {n} attempts in {label} with the contact at {Iso(t)}");
                }
            }
        }
    }

    /// <summary>Every window of the cap's shape that contains <paramref name="t"/> (for rolling ones, those ending at t or at an attempt after it).</summary>
    private static IEnumerable<(Func<Instant, bool> From, Func<Instant, bool> To, string Label)> Windows(CapPeriod period, Instant t, DateTimeZone zone, List<ContactAttempt> attempts)
    {
        LocalDate DateOf(Instant i) => i.InZone(zone).Date;
        var today = DateOf(t);
        switch (period.Kind)
        {
            case CapPeriodKind.Rolling:
                foreach (var end in attempts.Select(a => a.At).Where(at => at >= t && at < t + period.Length).Append(t).Distinct())
                {
                    var e = end;
                    yield return (i => i > e - period.Length, i => i <= e, $"({Iso(e - period.Length)}, {Iso(e)}]");
                }

                break;
            case CapPeriodKind.SlidingDays:
                for (var k = 0; k < period.Days; k++)
                {
                    var start = today.PlusDays(-k);
                    var last = start.PlusDays(period.Days - 1);
                    yield return (i => DateOf(i) >= start, i => DateOf(i) <= last, $"local days {start:uuuu-MM-dd}..{last:uuuu-MM-dd}");
                }

                break;
            case CapPeriodKind.CalendarDay:
                yield return (i => DateOf(i) == today, _ => true, $"local day {today:uuuu-MM-dd}");
                break;
            case CapPeriodKind.CalendarWeek:
                var monday = today.PlusDays(1 - (int)today.DayOfWeek);
                yield return (i => DateOf(i) >= monday, i => DateOf(i) < monday.PlusDays(7), $"week of {monday:uuuu-MM-dd}");
                break;
            default:
                yield return (i => DateOf(i).Year == today.Year, i => DateOf(i).Month == today.Month, $"month {today:uuuu-MM}");
                break;
        }
    }

    private static void CheckCooldown(Person person, Cooldown cooldown, ContactAttempt contact, ContactPoint point, List<Account> accounts, DateTimeZone first, List<string> problems, string prefix)
    {
        bool InScope(ContactAttempt a) => cooldown.Scope switch
        {
            RuleScope.Person => true,
            RuleScope.Account => accounts.Any(acc => ConcernsAccount(a, acc.AccountId)),
            _ => UsesPoint(a, point),
        };

        bool Blocks(Channel c) => cooldown.Blocks.IsEmpty ? c != Channel.None : cooldown.Blocks.Contains(c);

        Instant EndAfter(Instant trigger) => cooldown.Length.IsCalendarDays
            ? first.AtStartOfDay(trigger.InZone(first).Date.PlusDays(cooldown.Length.Days)).ToInstant()
            : trigger + cooldown.Length.Duration;

        var t = contact.At;
        foreach (var a in person.History.Where(InScope))
        {
            // An earlier (or simultaneous) trigger whose cooldown covers the contact.
            if (Blocks(contact.Channel) && Matches(cooldown.Trigger, a, proposed: false) && a.At <= t && t < EndAfter(a.At))
            {
                problems.Add($"{prefix}cooldown {cooldown.Name} ({cooldown.Scope}) from {a.Channel} {a.Outcome} at {Iso(a.At)} covers the contact at {Iso(t)} (until {Iso(EndAfter(a.At))})");
            }

            // The contact as a trigger (whatever its outcome) whose cooldown covers a contact booked after it.
            if (Matches(cooldown.Trigger, contact, proposed: true) && a.Direction == ContactDirection.Outbound && Blocks(a.Channel) && a.At >= t && a.At < EndAfter(t))
            {
                problems.Add($"{prefix}cooldown {cooldown.Name} ({cooldown.Scope}) of the contact at {Iso(t)} covers the booked {a.Channel} at {Iso(a.At)}");
            }
        }
    }

    /// <summary>
    /// Consecutive failed outbound attempts on the point since it was updated, most recent first; at one instant a success
    /// counts as before the failures; an unknown outcome is a failure.
    /// </summary>
    private static int Failures(Person person, ContactPoint point, ExhaustionRule rule, Instant now)
    {
        bool Failed(ContactAttempt a) => a.Outcome == ContactOutcome.Unknown || rule.FailureOutcomes.Contains(a.Outcome);

        var on = person.History
            .Where(a => a.Direction == ContactDirection.Outbound && UsesPoint(a, point) && (point.UpdatedAt is not { } u || a.At >= u))
            .Where(a => Failed(a) || a.At <= now)
            .OrderByDescending(a => a.At)
            .ThenBy(a => Failed(a) ? 0 : 1)
            .ToList();
        var n = 0;
        foreach (var a in on)
        {
            if (!Failed(a))
            {
                break;
            }

            n++;
        }

        return n;
    }

    /// <summary>
    /// Whether a rule limited to regions binds the person: it does when it names none, when the person's regions are
    /// unknown (fail closed), or when one of the person's regions is one of its regions, inside one, or contains one.
    /// </summary>
    private static bool Binds(RuleSource? source, Person person)
        => source is null || source.Regions.IsEmpty || person.Regions.IsEmpty
           || person.Regions.Any(mine => source.Regions.Any(theirs => Inside(mine, theirs) || Inside(theirs, mine)));

    private static bool Inside(string inner, string outer)
        => string.Equals(inner, outer, StringComparison.OrdinalIgnoreCase) || inner.StartsWith(outer + "-", StringComparison.OrdinalIgnoreCase);

    private static string Iso(Instant i) => InstantPattern.ExtendedIso.Format(i);
}
