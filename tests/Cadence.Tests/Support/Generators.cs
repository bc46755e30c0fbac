using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Tests.Support;

/// <summary>A generated policy, a few accounts and an evaluation instant.</summary>
public sealed record Scenario(CadencePolicy Policy, ImmutableArray<BorrowerState> Accounts, Instant Now)
{
    public override string ToString()
    {
        var s = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"now = {Now}");
        s.AppendLine(Describe.Policy(Policy));
        foreach (var a in Accounts)
        {
            s.AppendLine(Describe.Account(a));
        }

        return s.ToString();
    }
}

/// <summary>FsCheck generators aimed at the hard cases: daylight-saving edges, several zones, saturated caps, booked attempts.</summary>
public static class Generators
{
    /// <summary>Zones with spring and autumn changes (north and south, at midnight, half-hour shifts) and zones without.</summary>
    public static readonly string[] Zones =
    [
        "America/New_York", "America/Los_Angeles", "Europe/London", "Australia/Sydney", "America/Santiago",
        "America/Havana", "Australia/Lord_Howe", "Europe/Moscow", "Asia/Kolkata", "Pacific/Honolulu", "UTC",
    ];

    private static readonly Channel[] ContactChannels = [Channel.Email, Channel.Sms, Channel.Call, Channel.Letter];
    private static readonly ContactOutcome[] Outcomes = Enum.GetValues<ContactOutcome>();
    private static readonly HoldKind[] HoldKinds = [HoldKind.Dispute, HoldKind.PromiseToPay, HoldKind.CeaseCommunication];
    private static readonly int[] EdgeMinutes = [0, 60, 90, 120, 150, 180, 480, 540, 720, 1200, 1260, 1320, 1440];

    public static Arbitrary<Scenario> Scenarios() => Arb.From(ScenarioGen(), Shrink);

    /// <summary>Smaller scenarios: fewer accounts, then fewer history entries, holds and contact points.</summary>
    public static IEnumerable<Scenario> Shrink(Scenario s)
    {
        if (s.Accounts.Length > 1)
        {
            foreach (var account in s.Accounts)
            {
                yield return s with { Accounts = [account] };
            }

            yield break;
        }

        var a = s.Accounts[0];
        for (var i = 0; i < a.History.Length; i++)
        {
            yield return s with { Accounts = [a with { History = a.History.RemoveAt(i) }] };
        }

        for (var i = 0; i < a.Holds.Length; i++)
        {
            yield return s with { Accounts = [a with { Holds = a.Holds.RemoveAt(i) }] };
        }

        for (var i = 0; i < a.ContactPoints.Length; i++)
        {
            yield return s with { Accounts = [a with { ContactPoints = a.ContactPoints.RemoveAt(i) }] };
        }
    }

    public static Gen<Scenario> ScenarioGen() =>
        from policy in PolicyGen()
        from zones in ZoneSetGen()
        from now in InstantNearTransition(zones[0])
        from count in Gen.Choose(1, 4)
        from accounts in AccountGen(policy, zones, now).ArrayOf(count)
        select new Scenario(policy, [.. accounts.Select((a, i) => a with { AccountId = "acct-" + i.ToString(CultureInfo.InvariantCulture) })], now);

    public static Gen<string[]> ZoneSetGen() =>
        from first in Gen.Elements(Zones)
        from second in Gen.Elements(Zones)
        from two in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select two && second != first ? new[] { first, second } : new[] { first };

    /// <summary>An instant within two days of one of the zone's offset changes in 2026–2027, or anywhere in 2026.</summary>
    public static Gen<Instant> InstantNearTransition(string zoneId) =>
        from nearChange in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from day in Gen.Choose(0, 500)
        from minutes in Gen.Choose(-48 * 60, 48 * 60)
        select nearChange ? NearChange(zoneId, day, minutes) : Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromDays(day % 365) + Duration.FromMinutes(minutes + (48 * 60));

    private static Instant NearChange(string zoneId, int day, int minutes)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var start = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromDays(day % 365);
        var interval = zone.GetZoneInterval(start);
        var change = interval.HasEnd && interval.End < Instant.FromUtc(2028, 1, 1, 0, 0) ? interval.End : start;
        return change + Duration.FromMinutes(minutes);
    }

    public static Gen<CadencePolicy> PolicyGen() =>
        (from steps in StepGen().ArrayOf(4)
         from stepCount in Gen.Choose(1, 4)
         from windows in WindowGen().ArrayOf(3)
         from windowCount in Gen.Choose(0, 3)
         from caps in CapGen().ArrayOf(3)
         from capCount in Gen.Choose(0, 3)
         from cooldowns in CooldownGen().ArrayOf(2)
         from cooldownCount in Gen.Choose(0, 2)
         from holdBlocksAll in Gen.Elements(true, false)
         from consent in Gen.SubListOf(ContactChannels)
         from workplace in Gen.SubListOf(ContactChannels)
         from exhaustion in Gen.Choose(0, 3)
         from holidayOffsets in Gen.Choose(-30, 60).ArrayOf(3)
         from order in Gen.Elements(SelectionOrder.PriorityThenEarliest, SelectionOrder.EarliestThenPriority)
         select TryBuild(b =>
         {
             b.WithSelectionOrder(order).WithHorizon(Duration.FromDays(20));
             foreach (var (step, i) in steps.Take(stepCount).Select((s, i) => (s, i)))
             {
                 b.AddStep(step with { Id = $"s{i}" });
             }

             if (windowCount > 0)
             {
                 b.AddWindow("base", DayKinds.All, TimeRange.WholeDay);
             }

             windows.Take(windowCount).Select((w, i) => w with { Name = $"w{i}-{w.Name}" }).ToList().ForEach(w => b.AddWindow(w));
             caps.Take(capCount).Select((c, i) => c with { Name = $"cap{i}-{c.Name}" }).ToList().ForEach(c => b.AddCap(c));
             cooldowns.Take(cooldownCount).Select((c, i) => c with { Name = $"cooldown{i}-{c.Name}" }).ToList().ForEach(c => b.AddCooldown(c));
             b.AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = holdBlocksAll, BlockedChannels = [Channel.Call] });
             b.AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedChannels = [Channel.Sms, Channel.Call], GraceDaysAfterPromisedDate = 1 });
             b.AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true });
             b.RequireConsent([.. consent]).RestrictWorkplace([.. workplace]);
             if (exhaustion > 0)
             {
                 b.AddExhaustion("exhaustion", exhaustion);
             }

             b.WithHolidays(HolidayCalendar.FromDates("generated", holidayOffsets.Select(o => new LocalDate(2026, 6, 1).PlusDays(o * 7 % 400))));
         }))
        .Where(p => p is not null)
        .Select(p => p!);

    private static CadencePolicy? TryBuild(Action<CadencePolicyBuilder> configure)
    {
        var builder = CadencePolicy.CreateBuilder("generated");
        configure(builder);
        try
        {
            return builder.Build();
        }
        catch (PolicyValidationException)
        {
            return null;
        }
    }

    private static Gen<CadenceStep> StepGen() =>
        from channel in Gen.Elements(ContactChannels)
        from fromDay in Gen.Choose(-10, 30)
        from length in Gen.Choose(0, 20)
        from repeatHours in Gen.Elements(0, 0, 1, 6, 24, 72)
        from priority in Gen.Choose(0, 5)
        from escalation in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select escalation
            ? CadenceStep.Escalation("x", "agency-placement", fromDay, fromDay + length) with
            {
                Priority = priority,
                RepeatInterval = repeatHours == 0 ? null : Duration.FromHours(repeatHours),
                MaxAttempts = repeatHours == 0 ? null : 3,
            }
            : CadenceStep.Contact("x", channel, "template-" + channel, fromDay, fromDay + length) with
            {
                Priority = priority,
                RepeatInterval = repeatHours == 0 ? null : Duration.FromHours(repeatHours),
            };

    private static Gen<ContactWindow> WindowGen() =>
        from days in Gen.Choose(1, 15)
        from start in Gen.Elements(EdgeMinutes[..^1])
        from length in Gen.Elements(30, 60, 120, 240, 600, 780, 1440)
        from channels in Gen.SubListOf(ContactChannels)
        select new ContactWindow(
            "w" + start.ToString(CultureInfo.InvariantCulture),
            (DayKinds)days,
            [new TimeRange(LocalTime.FromMinutesSinceMidnight(start), start + length >= 1440 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight(start + length))],
            [.. channels]);

    private static Gen<FrequencyCap> CapGen() =>
        from kind in Gen.Choose(0, 4)
        from limit in Gen.Choose(1, 4)
        from hours in Gen.Elements(1, 6, 24, 72, 168)
        from days in Gen.Choose(1, 7)
        from channels in Gen.SubListOf(ContactChannels)
        from outcomes in Gen.Frequency((3, Gen.Constant(ImmutableArray<ContactOutcome>.Empty)), (1, Gen.Constant(ImmutableArray.Create(ContactOutcome.Conversation))))
        from direction in Gen.Elements(DirectionFilter.Outbound, DirectionFilter.Any)
        select new FrequencyCap(
            "cap" + kind.ToString(CultureInfo.InvariantCulture),
            limit,
            kind switch
            {
                0 => CapPeriod.Rolling(Duration.FromHours(hours)),
                1 => CapPeriod.SlidingDays(days),
                2 => CapPeriod.CalendarDay,
                3 => CapPeriod.CalendarWeek,
                _ => CapPeriod.CalendarMonth,
            },
            new AttemptFilter([.. channels], direction, outcomes));

    private static Gen<Cooldown> CooldownGen() =>
        from trigger in Gen.SubListOf(ContactChannels)
        from blocks in Gen.SubListOf(ContactChannels)
        from outcomes in Gen.Frequency((1, Gen.Constant(ImmutableArray<ContactOutcome>.Empty)), (1, Gen.Constant(ImmutableArray.Create(ContactOutcome.Conversation))))
        from days in Gen.Choose(0, 7)
        from hours in Gen.Elements(1, 4, 24, 48)
        select new Cooldown(
            "cooldown" + days.ToString(CultureInfo.InvariantCulture),
            new AttemptFilter([.. trigger], DirectionFilter.Any, outcomes),
            [.. blocks],
            days > 0 ? CooldownLength.CalendarDays(days) : CooldownLength.Of(Duration.FromHours(hours)));

    /// <summary>A day relative to the due date inside some step's window most of the time, so that steps are due.</summary>
    private static Gen<int> DayFromDueGen(CadencePolicy policy) =>
        Gen.Frequency(
            (4, from step in Gen.Elements(policy.Steps.ToArray()) from day in Gen.Choose(step.FromDay, step.ToDay) select day),
            (1, Gen.Choose(-40, 40)));

    public static Gen<BorrowerState> AccountGen(CadencePolicy policy, string[] zones, Instant now) =>
        from dueOffset in DayFromDueGen(policy)
        from points in ContactPointGen(now).ArrayOf(4)
        from keep in Gen.Frequency((3, Gen.Constant<IList<int>>([0, 1, 2, 3])), (1, Gen.SubListOf(Enumerable.Range(0, 4)).Select(l => (IList<int>)l)))
        from burst in HistoryGen(policy, now, burst: true)
        from spread in HistoryGen(policy, now, burst: false)
        from holds in HoldGen(now).ArrayOf(2)
        from holdCount in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        from paid in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from autopay in Gen.Elements(true, false)
        select new BorrowerState("acct")
        {
            TimeZoneIds = [.. zones],
            DueDate = paid ? null : now.InZone(DateTimeZoneProviders.Tzdb[zones[0]]).Date.PlusDays(-dueOffset),
            AmountDue = new Money(120m, "USD"),
            Autopay = autopay,
            ContactPoints = [.. keep.Distinct().Select(i => points[i] with { Channel = ContactChannels[i] })],
            Holds = [.. holds.Take(holdCount)],
            History = [.. burst, .. spread],
        };

    private static Gen<ContactPoint> ContactPointGen(Instant now) =>
        from optedOut in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from consent in Gen.Frequency((1, Gen.Constant(false)), (4, Gen.Constant(true)))
        from workplace in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from updatedDaysAgo in Gen.Choose(-1, 30)
        select new ContactPoint(Channel.Email)
        {
            OptedOut = optedOut,
            ConsentGiven = consent,
            IsWorkplace = workplace,
            UpdatedAt = updatedDaysAgo < 0 ? null : now - Duration.FromDays(updatedDaysAgo),
        };

    /// <summary>A burst of attempts in the last hours (saturating caps) or attempts spread over weeks; a few booked after now.</summary>
    /// <remarks>A burst is on one channel of the policy's steps, so that it saturates the caps that restrict those steps.</remarks>
    private static Gen<ContactAttempt[]> HistoryGen(CadencePolicy policy, Instant now, bool burst) =>
        from count in burst ? Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(2, 9))) : Gen.Choose(0, 14)
        from channel in Gen.Elements(policy.Steps.Select(s => s.Channel ?? Channel.Call).ToArray())
        from attempts in AttemptGen(policy, now, burst, burst ? Gen.Constant(channel) : Gen.Elements(ContactChannels)).ArrayOf(count)
        select attempts;

    private static Gen<ContactAttempt> AttemptGen(CadencePolicy policy, Instant now, bool burst, Gen<Channel> channels) =>
        from minutesAgo in burst ? Gen.Frequency((6, Gen.Choose(0, 36 * 60)), (1, Gen.Choose(-90, 0))) : Gen.Choose(-3 * 24 * 60, 25 * 24 * 60)
        from channel in channels
        from inbound in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from outcome in Gen.Elements(Outcomes)
        from step in Gen.Frequency((1, Gen.Elements(policy.Steps.Select(s => (string?)s.Id).ToArray())), (3, Gen.Constant<string?>(null)))
        select new ContactAttempt(now - Duration.FromMinutes(minutesAgo), channel, inbound ? ContactDirection.Inbound : ContactDirection.Outbound, outcome, step);

    private static Gen<Hold> HoldGen(Instant now) =>
        from kind in Gen.Elements(HoldKinds)
        from startHours in Gen.Choose(-24 * 20, 24 * 5)
        from lengthHours in Gen.Choose(-1, 24 * 10)
        from promisedDays in Gen.Choose(-3, 6)
        select new Hold(kind, now + Duration.FromHours(startHours), lengthHours < 0 ? null : now + Duration.FromHours(startHours + lengthHours))
        {
            PromisedDate = kind == HoldKind.PromiseToPay ? now.InUtc().Date.PlusDays(promisedDays) : null,
        };
}

/// <summary>Readable renderings for counterexamples.</summary>
public static class Describe
{
    public static string Policy(CadencePolicy p)
    {
        var s = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"policy '{p.Name}' order={p.SelectionOrder} horizon={p.Horizon}");
        foreach (var st in p.Steps)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  step {st.Id}: {(st.Channel?.ToString() ?? st.EscalationKind)} days [{st.FromDay},{st.ToDay}] prio {st.Priority} repeat {st.RepeatInterval?.ToString() ?? "-"}");
        }

        foreach (var w in p.Windows)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  window {w.Name}: {w.Days} {string.Join(",", w.Ranges)} channels [{string.Join(",", w.Channels)}]");
        }

        foreach (var c in p.Caps)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  cap {c.Name}: {c.Limit} per {c.Period} counting [{string.Join(",", c.Counts.Channels)}] {c.Counts.Directions} [{string.Join(",", c.Counts.Outcomes)}]");
        }

        foreach (var c in p.Cooldowns)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  cooldown {c.Name}: after [{string.Join(",", c.Trigger.Channels)}] [{string.Join(",", c.Trigger.Outcomes)}] blocks [{string.Join(",", c.Blocks)}] for {c.Length}");
        }

        s.AppendLine(CultureInfo.InvariantCulture, $"  consent [{string.Join(",", p.ConsentRequired)}] workplace [{string.Join(",", p.WorkplaceRestricted)}] exhaustion [{string.Join(",", p.ExhaustionRules.Select(e => e.ConsecutiveFailures))}] holidays [{p.Holidays}]");
        return s.ToString();
    }

    public static string Account(BorrowerState a)
    {
        var s = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"account {a.AccountId}: zones [{string.Join(",", a.TimeZoneIds)}] due {a.DueDate?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) ?? "-"} autopay {a.Autopay}");
        foreach (var p in a.ContactPoints)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  point {p.Channel} optedOut={p.OptedOut} consent={p.ConsentGiven} workplace={p.IsWorkplace} updated={p.UpdatedAt?.ToString() ?? "-"}");
        }

        foreach (var h in a.Holds)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  hold {h.Kind} [{h.From}, {h.Until?.ToString() ?? "open"}) promised {h.PromisedDate?.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) ?? "-"}");
        }

        foreach (var h in a.History.OrderBy(h => h.At))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  {InstantPattern.ExtendedIso.Format(h.At)} {h.Channel} {h.Direction} {h.Outcome} {h.StepId ?? "-"}");
        }

        return s.ToString();
    }
}
