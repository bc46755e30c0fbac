using System.Collections.Immutable;
using System.Globalization;
using Cadence.Testing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Cadence.Tests.Support;

/// <summary>
/// FsCheck generators of persons and of policies that count over persons: one to three accounts (<c>a1</c>…), zero to
/// three contact points per channel of varied kinds (some opted out, without consent, at the workplace), person- and
/// account-level holds, shared histories whose attempts name a point or none and concern some accounts or none (= all),
/// bursts that fill a cap on one point or one account, failure streaks on one point; one or two zones. Policies have
/// caps scoped per person, account or contact point (rolling, sliding days, calendar day/week/month, some limited to
/// kinds of point), scoped cooldowns, exhaustion, bundling steps and escalations.
/// </summary>
public static class PersonArbitraries
{
    private static readonly Channel[] Channels = [Channel.Email, Channel.Sms, Channel.Call, Channel.Letter];
    private static readonly ContactOutcome[] Outcomes = Enum.GetValues<ContactOutcome>();
    private static readonly RuleScope[] Scopes = [RuleScope.Person, RuleScope.Account, RuleScope.ContactPoint];
    private static readonly HoldKind[] HoldKinds = [HoldKind.Dispute, HoldKind.PromiseToPay, HoldKind.CeaseCommunication];
    private static readonly string[] PointIds = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12", "home", "mob", "work"];

    /// <summary>A generated policy and a person of it, evaluated near a daylight-saving change of the person's first zone.</summary>
    public static Arbitrary<PersonScenario> PersonScenarios() => Arb.From(Scenarios(), Shrink);

    /// <summary>A generated policy and ten persons of it, each at its own instant: many persons per compiled engine.</summary>
    public static Arbitrary<PersonBatch> PersonBatches() => Arb.From(
        from policy in Policies()
        from scenarios in ScenariosFor(policy).ArrayOf(PersonBatch.Size)
        select new PersonBatch(policy, [.. scenarios]));

    public static Gen<PersonScenario> Scenarios() =>
        from policy in Policies()
        from scenario in ScenariosFor(policy)
        select scenario;

    public static Gen<PersonScenario> ScenariosFor(CadencePolicy policy) =>
        from zones in ZoneSets(policy)
        from now in CadenceArbitraries.InstantsNearTransitions(zones.IsEmpty ? policy.DefaultZone! : DateTimeZoneProviders.Tzdb[zones[0]])
        from person in PersonsFor(policy, zones, now)
        select new PersonScenario(policy, person, now);

    public static Gen<CadencePolicy> Policies() =>
        (from steps in StepGen().ArrayOf(4)
         from stepCount in Gen.Choose(1, 4)
         from escalation in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
         from escalationFrom in Gen.Choose(-5, 25)
         from windows in WindowGen().ArrayOf(2)
         from windowCount in Gen.Choose(0, 2)
         from caps in CapGen().ArrayOf(3)
         from capCount in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 3)))
         from cooldowns in CooldownGen().ArrayOf(2)
         from cooldownCount in Gen.Choose(0, 2)
         from holdBlocksAll in Gen.Elements(true, false)
         from consent in Gen.SubListOf(Channels)
         from workplace in Gen.SubListOf(Channels)
         from exhaustion in Gen.Choose(0, 3)
         from preference in Gen.Frequency((2, Gen.Constant<IList<ContactPointKind>>([])), (1, Gen.Shuffle(Enum.GetValues<ContactPointKind>()).Select(k => (IList<ContactPointKind>)[.. k.Take(4)])))
         from defaultZone in Gen.Elements<string?>(null, "America/New_York", "Europe/Moscow")
         from order in Gen.Elements(SelectionOrder.PriorityThenEarliest, SelectionOrder.EarliestThenPriority)
         select TryBuild(b =>
         {
             b.WithSelectionOrder(order).WithHorizon(Duration.FromDays(20));
             if (defaultZone is not null)
             {
                 b.WithDefaultZone(defaultZone);
             }

             for (var i = 0; i < stepCount; i++)
             {
                 b.AddStep(steps[i] with { Id = "s" + Inv(i) });
             }

             if (escalation)
             {
                 b.AddStep(CadenceStep.Escalation("esc", "agency-placement", escalationFrom, escalationFrom + 30) with { Priority = 3 });
             }

             if (windowCount > 0)
             {
                 b.AddWindow("base", DayKinds.All, TimeRange.WholeDay);
             }

             for (var i = 0; i < windowCount; i++)
             {
                 b.AddWindow(windows[i] with { Name = $"w{Inv(i)}" });
             }

             for (var i = 0; i < capCount; i++)
             {
                 b.AddCap(caps[i] with { Name = $"cap{Inv(i)}-{caps[i].Scope}-{caps[i].Name}" });
             }

             for (var i = 0; i < cooldownCount; i++)
             {
                 b.AddCooldown(cooldowns[i] with { Name = $"cooldown{Inv(i)}-{cooldowns[i].Scope}-{cooldowns[i].Name}" });
             }

             b.AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = holdBlocksAll, BlockedChannels = [Channel.Call] });
             b.AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedChannels = [Channel.Sms, Channel.Call], GraceDaysAfterPromisedDate = 1 });
             b.AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true });
             b.RequireConsent([.. consent]).RestrictWorkplace([.. workplace]);
             if (exhaustion > 0)
             {
                 b.AddExhaustion("exhaustion", exhaustion);
             }

             if (preference.Count > 0)
             {
                 b.WithContactPointPreference(preference);
             }
         }))
        .Where(p => p is not null)
        .Select(p => p!);

    /// <summary>Persons of <paramref name="policy"/> at <paramref name="now"/> in <paramref name="zones"/> (empty: the policy's default zone).</summary>
    public static Gen<Person> PersonsFor(CadencePolicy policy, ImmutableArray<string> zones, Instant now)
    {
        var zone = zones.IsEmpty ? policy.DefaultZone! : DateTimeZoneProviders.Tzdb[zones[0]];
        return from accountCount in Gen.Frequency((2, Gen.Constant(1)), (3, Gen.Constant(2)), (3, Gen.Constant(3)))
               from accounts in AccountGen(policy, zone, now).ArrayOf(accountCount)
               from points in PointsGen(now)
               from personHolds in HoldGen(now).ArrayOf(1)
               from personHoldCount in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1)))
               let ids = accounts.Select((_, i) => "a" + Inv(i + 1)).ToArray()
               from history in HistoryGen(policy, points, ids, now)
               select new Person("person")
               {
                   TimeZoneIds = zones,
                   Holds = [.. personHolds.Take(personHoldCount)],
                   ContactPoints = points,
                   Accounts = [.. accounts.Select((a, i) => a with { AccountId = ids[i] })],
                   History = history,
               };
    }

    /// <summary>Smaller scenarios: fewer accounts, history entries, points, holds; one zone instead of two.</summary>
    public static IEnumerable<PersonScenario> Shrink(PersonScenario s)
    {
        var p = s.Person;
        if (p.History.Length >= 6)
        {
            var half = p.History.Length / 2;
            yield return s with { Person = p with { History = p.History.RemoveRange(0, half) } };
            yield return s with { Person = p with { History = p.History.RemoveRange(half, p.History.Length - half) } };
        }

        for (var i = 0; i < p.History.Length; i++)
        {
            yield return s with { Person = p with { History = p.History.RemoveAt(i) } };
        }

        if (p.Accounts.Length > 1)
        {
            for (var i = 0; i < p.Accounts.Length; i++)
            {
                var gone = p.Accounts[i].AccountId;
                yield return s with
                {
                    Person = p with
                    {
                        Accounts = p.Accounts.RemoveAt(i),
                        History = [.. p.History
                            .Where(h => !(h.AccountIds.Length == 1 && h.AccountIds[0] == gone))
                            .Select(h => h.AccountIds.Contains(gone) ? h with { AccountIds = h.AccountIds.Remove(gone) } : h)],
                    },
                };
            }
        }

        for (var i = 0; i < p.ContactPoints.Length; i++)
        {
            yield return s with { Person = p with { ContactPoints = p.ContactPoints.RemoveAt(i) } };
        }

        for (var i = 0; i < p.Holds.Length; i++)
        {
            yield return s with { Person = p with { Holds = p.Holds.RemoveAt(i) } };
        }

        for (var i = 0; i < p.Accounts.Length; i++)
        {
            if (!p.Accounts[i].Holds.IsEmpty)
            {
                yield return s with { Person = p with { Accounts = p.Accounts.SetItem(i, p.Accounts[i] with { Holds = [] }) } };
            }
        }

        if (p.TimeZoneIds.Length > 1)
        {
            yield return s with { Person = p with { TimeZoneIds = [p.TimeZoneIds[0]] } };
        }
    }

    private static string Inv(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static Gen<ImmutableArray<string>> ZoneSets(CadencePolicy policy) =>
        from first in Gen.Elements(CadenceArbitraries.Zones.AsEnumerable())
        from second in Gen.Elements(CadenceArbitraries.Zones.AsEnumerable())
        from shape in Gen.Frequency((3, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(0)))
        select shape == 0 && policy.DefaultZone is not null ? ImmutableArray<string>.Empty
            : shape == 2 && second != first ? ImmutableArray.Create(first, second)
            : [first];

    private static CadencePolicy? TryBuild(Action<CadencePolicyBuilder> configure)
    {
        var builder = CadencePolicy.CreateBuilder("persons");
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
        from channel in Gen.Elements(Channels)
        from fromDay in Gen.Choose(-5, 20)
        from length in Gen.Choose(0, 20)
        from repeat in Gen.Elements(0, 0, 1, 2, 3)
        from hours in Gen.Elements(1, 6, 24, 72)
        from priority in Gen.Choose(0, 3)
        from bundle in Gen.Elements(true, false)
        select CadenceStep.Contact("x", channel, "template-" + channel, fromDay, fromDay + length) with
        {
            Priority = priority,
            Bundle = bundle,
            RepeatInterval = repeat == 1 ? Duration.FromHours(hours) : null,
            RepeatCalendarDays = repeat == 2 ? 1 : repeat == 3 ? 2 : null,
        };

    private static Gen<ContactWindow> WindowGen() =>
        from days in Gen.Choose(1, 15)
        from start in Gen.Elements(0, 60, 120, 480, 540, 600)
        from length in Gen.Elements(60, 240, 600, 780, 1440)
        from channels in Gen.SubListOf(Channels)
        select new ContactWindow(
            "w",
            (DayKinds)days,
            [new TimeRange(LocalTime.FromMinutesSinceMidnight(start), start + length >= 1440 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight(start + length))],
            [.. channels]);

    private static Gen<FrequencyCap> CapGen() =>
        from kind in Gen.Choose(0, 4)
        from limit in Gen.Choose(1, 4)
        from hours in Gen.Elements(1, 6, 24, 72, 168)
        from days in Gen.Choose(1, 7)
        from channels in Gen.SubListOf(Channels)
        from outcomes in Gen.Frequency((3, Gen.Constant(ImmutableArray<ContactOutcome>.Empty)), (1, Gen.Constant(ImmutableArray.Create(ContactOutcome.Conversation))), (1, Gen.Constant(ImmutableArray.Create(ContactOutcome.NoAnswer, ContactOutcome.Busy))))
        from direction in Gen.Elements(DirectionFilter.Outbound, DirectionFilter.Any)
        from scope in Gen.Elements(Scopes)
        from kinds in Gen.Frequency((4, Gen.Constant<IList<ContactPointKind>>([])), (1, Gen.SubListOf(Enum.GetValues<ContactPointKind>()).Select(l => (IList<ContactPointKind>)[.. l.Take(3)])))
        select new FrequencyCap(
            kind switch { 0 => "rolling", 1 => "sliding", 2 => "day", 3 => "week", _ => "month" },
            limit,
            kind switch
            {
                0 => CapPeriod.Rolling(Duration.FromHours(hours)),
                1 => CapPeriod.SlidingDays(days),
                2 => CapPeriod.CalendarDay,
                3 => CapPeriod.CalendarWeek,
                _ => CapPeriod.CalendarMonth,
            },
            new AttemptFilter([.. channels], direction, outcomes))
        {
            Scope = scope,
            ContactPointKinds = [.. kinds],
        };

    private static Gen<Cooldown> CooldownGen() =>
        from trigger in Gen.SubListOf(Channels)
        from blocks in Gen.SubListOf(Channels)
        from outcomes in Gen.Frequency((1, Gen.Constant(ImmutableArray<ContactOutcome>.Empty)), (1, Gen.Constant(ImmutableArray.Create(ContactOutcome.Conversation))))
        from days in Gen.Choose(0, 4)
        from hours in Gen.Elements(1, 4, 24, 48)
        from scope in Gen.Elements(Scopes)
        select new Cooldown(
            days > 0 ? "days" : "hours",
            new AttemptFilter([.. trigger], DirectionFilter.Any, outcomes),
            [.. blocks],
            days > 0 ? CooldownLength.CalendarDays(days) : CooldownLength.Of(Duration.FromHours(hours)))
        {
            Scope = scope,
        };

    private static Gen<Account> AccountGen(CadencePolicy policy, DateTimeZone zone, Instant now) =>
        from step in Gen.Elements(policy.Steps.AsEnumerable())
        from day in Gen.Frequency((4, Gen.Choose(step.FromDay, Math.Min(step.ToDay ?? step.FromDay + 30, step.FromDay + 30))), (1, Gen.Choose(-10, 40)))
        from owed in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(1)), (14, Gen.Constant(2)))
        from autopay in Gen.Elements(true, false)
        from holds in HoldGen(now).ArrayOf(1)
        from holdCount in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Constant(1)))
        select new Account("a")
        {
            DueDate = owed == 0 ? null : now.InZone(zone).Date.PlusDays(-day),
            AmountDue = new Money(owed == 1 ? 0m : 120m, "USD"),
            Autopay = autopay,
            Holds = [.. holds.Take(holdCount)],
        };

    private static Gen<Hold> HoldGen(Instant now) =>
        from kind in Gen.Elements(HoldKinds)
        from startHours in Gen.Choose(-24 * 20, 24 * 5)
        from lengthHours in Gen.Frequency((1, Gen.Constant(-1)), (5, Gen.Choose(0, 24 * 10)))
        from promisedDays in Gen.Choose(-3, 6)
        select new Hold(kind, now + Duration.FromHours(startHours), lengthHours < 0 ? null : now + Duration.FromHours(startHours + lengthHours))
        {
            PromisedDate = kind == HoldKind.PromiseToPay ? now.InUtc().Date.PlusDays(promisedDays) : null,
        };

    private static ContactPointKind[] KindsOf(Channel channel) => channel switch
    {
        Channel.Call => [ContactPointKind.Mobile, ContactPointKind.Landline, ContactPointKind.Work, ContactPointKind.Unspecified, ContactPointKind.Other],
        Channel.Sms => [ContactPointKind.Mobile, ContactPointKind.Unspecified],
        Channel.Email => [ContactPointKind.PersonalEmail, ContactPointKind.WorkEmail],
        _ => [ContactPointKind.Postal, ContactPointKind.Unspecified],
    };

    private static Gen<ContactPoint> PointGen(Channel channel, Instant now) =>
        from kind in Gen.Elements(KindsOf(channel))
        from optedOut in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from consent in Gen.Frequency((1, Gen.Constant(false)), (4, Gen.Constant(true)))
        from workplace in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
        from updatedDaysAgo in Gen.Choose(-3, 20)
        select new ContactPoint(channel)
        {
            Kind = kind,
            OptedOut = optedOut,
            ConsentGiven = consent,
            IsWorkplace = workplace,
            UpdatedAt = updatedDaysAgo < 0 ? null : now - Duration.FromDays(updatedDaysAgo),
        };

    /// <summary>Zero to three points per channel with distinct ids, in an order unrelated to their ids or kinds.</summary>
    private static Gen<ImmutableArray<ContactPoint>> PointsGen(Instant now) =>
        from counts in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Constant(1)), (3, Gen.Constant(2)), (2, Gen.Constant(3))).ArrayOf(Channels.Length)
        from points in Gen.CollectToArray(Enumerable.Range(0, Channels.Length), c => PointGen(Channels[c], now).ArrayOf(counts[c]))
        from ids in Gen.Shuffle(PointIds)
        from defaults in Gen.Elements(true, false).ArrayOf(Channels.Length)
        from order in Gen.Shuffle(Enumerable.Range(0, 12).ToArray())
        select Assemble(points, ids, defaults, order);

    private static ImmutableArray<ContactPoint> Assemble(ContactPoint[][] perChannel, string[] ids, bool[] defaults, int[] order)
    {
        var all = new List<ContactPoint>();
        var next = 0;
        for (var c = 0; c < perChannel.Length; c++)
        {
            foreach (var point in perChannel[c])
            {
                all.Add(perChannel[c].Length == 1 && defaults[c] ? point : point with { Id = ids[next++] });
            }
        }

        return [.. all.Select((p, i) => (p, k: Array.IndexOf(order, i))).OrderBy(x => x.k).Select(x => x.p)];
    }

    private static Gen<ImmutableArray<ContactAttempt>> HistoryGen(CadencePolicy policy, ImmutableArray<ContactPoint> points, string[] accounts, Instant now) =>
        from spreadCount in Gen.Choose(0, 12)
        from spread in AttemptGen(policy, points, accounts, now, Gen.Frequency((12, Gen.Choose(0, 20 * 24 * 60)), (1, Gen.Choose(-36 * 60, 0))), Gen.Elements(Channels), Gen.Elements(Outcomes)).ArrayOf(spreadCount)
        from burst in Gen.Frequency((1, Gen.Constant(Array.Empty<ContactAttempt>())), (3, Burst(policy, points, accounts, now)))
        from streak in Gen.Frequency((3, Gen.Constant(Array.Empty<ContactAttempt>())), (1, Streak(policy, points, accounts, now)))
        from served in Gen.Frequency((3, Gen.Constant(Array.Empty<ContactAttempt>())), (1, EscalationServed(policy, accounts, now)))
        from shuffled in Gen.Shuffle([.. spread, .. burst, .. streak, .. served])
        select ImmutableArray.Create(shuffled);

    private static Gen<ContactAttempt[]> EscalationServed(CadencePolicy policy, string[] accounts, Instant now) =>
        policy.FindStep("esc") is null
            ? Gen.Constant(Array.Empty<ContactAttempt>())
            : from ago in Gen.Choose(0, 10 * 24 * 60)
              from concerns in Concerns(accounts)
              select new[] { new ContactAttempt(now - Duration.FromMinutes(ago), Channel.None, ContactDirection.Outbound, ContactOutcome.Sent, "esc") { AccountIds = concerns } };

    /// <summary>Attempts that fill one cap to its limit or one past it, all on one point or one account, within its period.</summary>
    private static Gen<ContactAttempt[]> Burst(CadencePolicy policy, ImmutableArray<ContactPoint> points, string[] accounts, Instant now)
    {
        var plain =
            from count in Gen.Choose(2, 7)
            from channel in Gen.Elements(Channels)
            from attempts in AttemptGen(policy, points, accounts, now, Gen.Frequency((8, Gen.Choose(0, 36 * 60)), (1, Gen.Choose(-90, 0))), Gen.Constant(channel), Gen.Elements(Outcomes)).ArrayOf(count)
            select attempts;
        if (policy.Caps.IsEmpty)
        {
            return plain;
        }

        var capped =
            from cap in Gen.Elements(policy.Caps.AsEnumerable())
            from count in Gen.Choose(Math.Max(1, cap.Limit - 1), cap.Limit + 1)
            from channel in Gen.Elements(cap.Counts.Channels.IsEmpty ? Channels : [.. cap.Counts.Channels])
            from outcome in cap.Counts.Outcomes.IsEmpty ? Gen.Elements(Outcomes) : Gen.Elements(cap.Counts.Outcomes.AsEnumerable())
            from onePoint in PointOf(points, channel)
            from oneAccount in Gen.Elements(accounts)
            from attempts in AttemptGen(policy, points, accounts, now, Gen.Frequency((8, Gen.Choose(0, Math.Max(0, PeriodMinutes(cap.Period) - 1))), (1, Gen.Choose(-90, 0))), Gen.Constant(channel), Gen.Constant(outcome)).ArrayOf(count)
            select attempts.Select(a => a with
            {
                Direction = cap.Counts.Directions.HasFlag(DirectionFilter.Outbound) ? ContactDirection.Outbound : ContactDirection.Inbound,
                ContactPointId = cap.Scope == RuleScope.ContactPoint ? onePoint : a.ContactPointId,
                AccountIds = cap.Scope == RuleScope.Account ? [oneAccount] : a.AccountIds,
            }).ToArray();
        return Gen.Frequency((1, plain), (3, capped));
    }

    /// <summary>Consecutive failed outbound attempts on one point, as many as the exhaustion rule allows or one more.</summary>
    private static Gen<ContactAttempt[]> Streak(CadencePolicy policy, ImmutableArray<ContactPoint> points, string[] accounts, Instant now) =>
        from channel in Gen.Elements(Channels)
        from point in PointOf(points, channel)
        from count in Gen.Choose(1, (policy.ExhaustionRules.FirstOrDefault()?.ConsecutiveFailures ?? 2) + 1)
        from attempts in AttemptGen(policy, points, accounts, now, Gen.Choose(0, 10 * 24 * 60), Gen.Constant(channel), Gen.Elements(ExhaustionRule.DefaultFailureOutcomes.AsEnumerable())).ArrayOf(count)
        select attempts.Select(a => a with { Direction = ContactDirection.Outbound, ContactPointId = point }).ToArray();

    /// <summary>One of the person's points of <paramref name="channel"/> by id, or none (the attempt then counts for every point of it).</summary>
    private static Gen<string?> PointOf(ImmutableArray<ContactPoint> points, Channel channel)
    {
        var ids = points.Where(p => p.Channel == channel).Select(p => (string?)p.Id).ToArray();
        return ids.Length == 0 ? Gen.Constant<string?>(null) : Gen.Frequency((1, Gen.Constant<string?>(null)), (4, Gen.Elements(ids)));
    }

    private static Gen<ImmutableArray<string>> Concerns(string[] accounts) =>
        Gen.Frequency(
            (2, Gen.Constant(ImmutableArray<string>.Empty)),
            (3, Gen.Elements(accounts).Select(a => ImmutableArray.Create(a))),
            (1, Gen.SubListOf(accounts).Select(l => l.ToImmutableArray())));

    private static Gen<ContactAttempt> AttemptGen(CadencePolicy policy, ImmutableArray<ContactPoint> points, string[] accounts, Instant now, Gen<int> minutesAgo, Gen<Channel> channels, Gen<ContactOutcome> outcomes) =>
        from ago in minutesAgo
        from channel in channels
        from direction in Gen.Frequency((5, Gen.Constant(ContactDirection.Outbound)), (1, Gen.Constant(ContactDirection.Inbound)))
        from outcome in outcomes
        from point in Gen.Frequency((12, PointOf(points, channel)), (1, Gen.Constant<string?>("old-number")))
        from concerns in Concerns(accounts)
        from serves in Gen.Frequency((1, Gen.Constant(true)), (2, Gen.Constant(false)))
        from step in Gen.Elements(policy.Steps.Where(s => s.Channel == channel).Select(s => (string?)s.Id).Append(null))
        select new ContactAttempt(now - Duration.FromMinutes(ago), channel, direction, outcome, serves && direction == ContactDirection.Outbound ? step : null)
        {
            ContactPointId = point,
            AccountIds = concerns,
        };

    private static int PeriodMinutes(CapPeriod period) => period.Kind switch
    {
        CapPeriodKind.Rolling => (int)Math.Clamp(period.Length.TotalMinutes, 1, 60 * 24 * 60),
        CapPeriodKind.SlidingDays => Math.Clamp(period.Days, 1, 60) * 24 * 60,
        CapPeriodKind.CalendarDay => 24 * 60,
        CapPeriodKind.CalendarWeek => 7 * 24 * 60,
        _ => 31 * 24 * 60,
    };
}
