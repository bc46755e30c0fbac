using System.Globalization;
using NodaTime;

namespace Cadence.Tests.Support;

/// <summary>
/// A second, deliberately simple reading of the rules, written from semantics.md without the engine's code: it checks a
/// proposed contact against every window, cap, cooldown and block by brute force.
/// </summary>
internal static class Compliance
{
    public static List<string> Violations(CadencePolicy policy, BorrowerState account, Instant now, Decision decision)
    {
        var problems = new List<string>();
        if (decision.Kind is not (DecisionKind.Contact or DecisionKind.Escalate))
        {
            return problems;
        }

        var step = decision.Step!;
        var t = decision.NotBefore!.Value;
        var zones = account.TimeZoneIds.IsEmpty ? [policy.DefaultZone!] : account.TimeZoneIds.Select(id => DateTimeZoneProviders.Tzdb[id]).ToList();
        var first = zones[0];
        LocalDate DateOf(Instant i) => i.InZone(first).Date;
        Instant StartOf(LocalDate d) => first.AtStartOfDay(d).ToInstant();

        if (t < now)
        {
            problems.Add($"NotBefore {t} is before now {now}");
        }

        if (t > now + policy.Horizon)
        {
            problems.Add($"NotBefore {t} is beyond the horizon");
        }

        var served = account.History.Where(a => a.StepId == step.Id && (a.Direction == ContactDirection.Outbound || a.Channel == Channel.None)).ToList();
        var cycleStart = account.DueDate is { } dueDate ? StartOf(dueDate.PlusDays(Math.Min(0, policy.Steps.Min(s => s.FromDay)))) : Instant.MinValue;
        if (served.Count(a => a.At >= cycleStart) >= step.EffectiveMaxAttempts)
        {
            problems.Add($"step {step.Id} already served {served.Count} times");
        }

        if (account.DueDate is { } due && (DateOf(now) < due.PlusDays(step.FromDay) && !policy.CustomRules.Any() || DateOf(t) > due.PlusDays(step.ToDay)))
        {
            problems.Add($"step {step.Id} is outside its day window at {t}");
        }

        foreach (var rule in policy.HoldRules.Where(r => r.Blocks(step)))
        {
            foreach (var hold in account.Holds.Where(h => h.Kind == rule.Kind))
            {
                var until = hold.Until;
                if (rule.GraceDaysAfterPromisedDate is { } grace && hold.PromisedDate is { } promised)
                {
                    var lapse = StartOf(promised.PlusDays(grace + 1));
                    until = until is { } u && u < lapse ? u : lapse;
                }

                foreach (var at in new[] { now, t })
                {
                    if (hold.From <= at && (until is null || at < until))
                    {
                        problems.Add($"hold {hold.Kind} (rule {rule.Name}) is in effect at {at}");
                    }
                }
            }
        }

        if (step.RepeatInterval is { } repeat && served.Count > 0 && served.Max(a => a.At) + repeat > t)
        {
            problems.Add($"step {step.Id} repeats before its interval");
        }

        if (step.Channel is not { } channel)
        {
            return problems;
        }

        var point = account.ContactPoints.FirstOrDefault(p => p.Channel == channel);
        if (point is null || point.OptedOut || (policy.ConsentRequired.Contains(channel) && !point.ConsentGiven) || (policy.WorkplaceRestricted.Contains(channel) && point.IsWorkplace))
        {
            problems.Add($"channel {channel} is blocked by its contact point");
        }

        foreach (var rule in policy.ExhaustionRules.Where(r => r.Channels.IsEmpty || r.Channels.Contains(channel)))
        {
            var streak = account.History
                .Where(a => a.Channel == channel && a.Direction == ContactDirection.Outbound && (point?.UpdatedAt is not { } u || a.At >= u))
                .OrderByDescending(a => a.At)
                .TakeWhile(a => rule.FailureOutcomes.Contains(a.Outcome))
                .Count();
            if (streak >= rule.ConsecutiveFailures)
            {
                problems.Add($"channel {channel} is exhausted ({streak} failures)");
            }
        }

        foreach (var zone in zones)
        {
            var local = t.InZone(zone).LocalDateTime;
            var kinds = local.DayOfWeek switch { IsoDayOfWeek.Saturday => DayKinds.Saturday, IsoDayOfWeek.Sunday => DayKinds.Sunday, _ => DayKinds.Weekday };
            if (policy.Holidays.IsHoliday(local.Date))
            {
                kinds |= DayKinds.Holiday;
            }

            foreach (var w in policy.Windows.Where(w => (w.Channels.IsEmpty || w.Channels.Contains(channel)) && (w.Days & kinds) != 0))
            {
                var minute = local.TimeOfDay.TickOfDay;
                if (!w.Ranges.Any(r => minute >= r.Start.TickOfDay && (r.End == LocalTime.Midnight || minute < r.End.TickOfDay)))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"window {w.Name} is closed at {local} in {zone.Id}"));
                }
            }
        }

        foreach (var outcome in Enum.GetValues<ContactOutcome>())
        {
            var proposed = new ContactAttempt(t, channel, ContactDirection.Outbound, outcome, step.Id);
            var after = account.History.Append(proposed).ToList();
            foreach (var cap in policy.Caps)
            {
                if (!Counts(cap.Counts, proposed))
                {
                    continue;
                }

                var counted = after.Where(a => Counts(cap.Counts, a)).ToList();
                var worst = cap.Period.Kind switch
                {
                    CapPeriodKind.Rolling => counted.Where(a => a.At >= t && a.At < t + cap.Period.Length).Select(x => counted.Count(a => a.At > x.At - cap.Period.Length && a.At <= x.At)).Max(),
                    CapPeriodKind.SlidingDays => Enumerable.Range(0, cap.Period.Days).Select(k => DateOf(t).PlusDays(k)).Select(d => counted.Count(a => DateOf(a.At) > d.PlusDays(-cap.Period.Days) && DateOf(a.At) <= d)).Max(),
                    CapPeriodKind.CalendarDay => counted.Count(a => DateOf(a.At) == DateOf(t)),
                    CapPeriodKind.CalendarWeek => counted.Count(a => Monday(DateOf(a.At)) == Monday(DateOf(t))),
                    _ => counted.Count(a => DateOf(a.At).Year == DateOf(t).Year && DateOf(a.At).Month == DateOf(t).Month),
                };
                if (worst > cap.Limit)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"cap {cap.Name} would count {worst} > {cap.Limit} with a {outcome} at {t}"));
                }
            }

            foreach (var c in policy.Cooldowns)
            {
                Instant End(ContactAttempt a) => c.Length.IsCalendarDays ? StartOf(DateOf(a.At).PlusDays(c.Length.Days)) : a.At + c.Length.Duration;
                bool Blocks(Channel ch) => c.Blocks.IsEmpty ? ch != Channel.None : c.Blocks.Contains(ch);
                if (Blocks(channel) && account.History.Any(a => Counts(c.Trigger, a) && a.At <= t && t < End(a)))
                {
                    problems.Add($"cooldown {c.Name} covers {t}");
                }

                if (Counts(c.Trigger, proposed) && account.History.Any(b => Blocks(b.Channel) && b.At >= t && b.At < End(proposed)))
                {
                    problems.Add($"cooldown {c.Name} started by a {outcome} at {t} would cover a booked attempt");
                }
            }
        }

        return [.. problems.Distinct()];
    }

    private static LocalDate Monday(LocalDate d) => d.PlusDays(1 - (int)d.DayOfWeek);

    private static bool Counts(AttemptFilter f, ContactAttempt a)
        => (f.Channels.IsEmpty ? a.Channel != Channel.None : f.Channels.Contains(a.Channel))
           && f.Directions.HasFlag(a.Direction == ContactDirection.Outbound ? DirectionFilter.Outbound : DirectionFilter.Inbound)
           && (f.Outcomes.IsEmpty || f.Outcomes.Contains(a.Outcome));
}
