using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Cadence.Testing;

/// <summary>
/// FsCheck generators aimed at the hard cases of contact policies: instants near daylight-saving changes, borrowers
/// in several zones, histories with bursts that saturate caps and streaks of failures, booked attempts after now,
/// holds of the kinds a policy names, and generated policies. Generators for a given policy cover the zones, hold
/// kinds, channels, steps, tags and amounts it names.
/// </summary>
/// <remarks>
/// Register the class with FsCheck (<c>[Property(Arbitrary = [typeof(CadenceArbitraries)])]</c>) to receive generated
/// <see cref="Scenario"/> and <see cref="AccountScenario"/> arguments; use the generator methods directly to compose
/// your own. Thread-safe.
/// </remarks>
public static partial class CadenceArbitraries
{
    private static readonly Channel[] BasicChannels = [Channel.Email, Channel.Sms, Channel.Call, Channel.Letter];
    private static readonly ContactOutcome[] Outcomes = Enum.GetValues<ContactOutcome>();
    private static readonly HoldKind[] BasicHoldKinds = [HoldKind.Dispute, HoldKind.PromiseToPay, HoldKind.CeaseCommunication];
    private static readonly int[] EdgeMinutes = [0, 60, 90, 120, 150, 180, 480, 540, 720, 1200, 1260, 1320, 1440];
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Instant End = Instant.FromUtc(2028, 1, 1, 0, 0);

    /// <summary>
    /// IANA zones with spring and autumn changes (north and south, at midnight, half-hour shifts) and zones without
    /// any: the zones generated borrowers live in.
    /// </summary>
    public static ImmutableArray<string> Zones { get; } =
    [
        "America/New_York", "America/Los_Angeles", "Europe/London", "Australia/Sydney", "America/Santiago",
        "America/Havana", "Australia/Lord_Howe", "Europe/Moscow", "Asia/Kolkata", "Pacific/Honolulu", "UTC",
    ];

    /// <summary>Generated policies with one to four accounts each, evaluated near a daylight-saving change.</summary>
    /// <returns>The arbitrary, shrinking to fewer accounts, then fewer history entries, holds and contact points.</returns>
    public static Arbitrary<Scenario> Scenarios() => Arb.From(
        from policy in Policies()
        from scenario in ScenariosFor(policy)
        select scenario,
        Shrink);

    /// <summary>One account of a generated policy, evaluated near a daylight-saving change.</summary>
    /// <returns>The arbitrary, shrinking to fewer history entries, holds, contact points and tags.</returns>
    public static Arbitrary<AccountScenario> AccountScenarios() => Arb.From(
        from policy in Policies()
        from scenario in AccountScenariosFor(policy)
        select scenario,
        Shrink);

    /// <summary>
    /// Accounts of <paramref name="policy"/>, each with an evaluation instant: zones the policy names (its default
    /// zone, sometimes by giving none) or any of <see cref="Zones"/>, one or two of them; due dates that make its steps
    /// due most of the time; histories that saturate its caps (and those of <paramref name="constraints"/>); holds of
    /// the kinds its hold rules name; tags and amounts its step conditions test.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="constraints">Further policies the accounts are checked against (e.g. a jurisdiction pack): their caps, zones and hold kinds are covered too.</param>
    /// <returns>The generator.</returns>
    public static Gen<AccountScenario> AccountScenariosFor(CadencePolicy policy, params IEnumerable<CadencePolicy> constraints)
    {
        var profile = PolicyProfile.Of(policy, constraints);
        return from zones in ZoneSets(profile)
               from now in InstantsNearTransitions(ZoneOf(policy, zones))
               from account in Accounts(profile, zones, now)
               select new AccountScenario(policy, account, now);
    }

    /// <summary>One to four accounts of <paramref name="policy"/> (see <see cref="AccountScenariosFor"/>) at one instant, with distinct ids.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="constraints">Further policies whose caps, zones and hold kinds the accounts cover too.</param>
    /// <returns>The generator.</returns>
    public static Gen<Scenario> ScenariosFor(CadencePolicy policy, params IEnumerable<CadencePolicy> constraints)
    {
        var profile = PolicyProfile.Of(policy, constraints);
        return from zones in ZoneSets(profile)
               from now in InstantsNearTransitions(ZoneOf(policy, zones))
               from count in Gen.Choose(1, 4)
               from accounts in Gen.CollectToArray(Enumerable.Range(0, count), _ => from z in Gen.Frequency((3, Gen.Constant(zones)), (1, ZoneSets(profile))) from a in Accounts(profile, z, now) select a)
               select new Scenario(policy, [.. accounts.Select((a, i) => a with { AccountId = "acct-" + i.ToString(CultureInfo.InvariantCulture) })], now);
    }

    /// <summary>
    /// Accounts of <paramref name="policy"/> at <paramref name="now"/> in the given zones (see <see cref="AccountScenariosFor"/>).
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="zoneIds">The borrower's zones, first one first; empty for the policy's default zone.</param>
    /// <param name="now">The evaluation instant histories and holds are placed around.</param>
    /// <param name="constraints">Further policies whose caps and hold kinds the accounts cover too.</param>
    /// <returns>The generator.</returns>
    public static Gen<BorrowerState> AccountsFor(CadencePolicy policy, IReadOnlyList<string> zoneIds, Instant now, params IEnumerable<CadencePolicy> constraints)
    {
        ArgumentNullException.ThrowIfNull(zoneIds);
        return Accounts(PolicyProfile.Of(policy, constraints), [.. zoneIds], now);
    }

    /// <summary>
    /// Contact histories for accounts of <paramref name="policy"/> at <paramref name="now"/>: a burst that fills one of
    /// its caps to its limit or just past it, a streak of consecutive failures on one channel, and attempts spread
    /// over the last weeks, in either direction, with every outcome, some serving the policy's steps, and a few booked
    /// after <paramref name="now"/>. In no particular order.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="constraints">Further policies whose caps the bursts fill too.</param>
    /// <returns>The generator.</returns>
    public static Gen<ImmutableArray<ContactAttempt>> HistoriesFor(CadencePolicy policy, Instant now, params IEnumerable<CadencePolicy> constraints)
        => History(PolicyProfile.Of(policy, constraints), now);

    /// <summary>
    /// Holds for accounts of <paramref name="policy"/> at <paramref name="now"/>: of the kinds its hold rules and step
    /// conditions name (and dispute, promise to pay, cease communication), past, current or future, open or closed,
    /// promises to pay with a promised date around now.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="now">The evaluation instant.</param>
    /// <param name="constraints">Further policies whose hold kinds are covered too.</param>
    /// <returns>The generator.</returns>
    public static Gen<Hold> HoldsFor(CadencePolicy policy, Instant now, params IEnumerable<CadencePolicy> constraints)
        => Holds(PolicyProfile.Of(policy, constraints), now);

    /// <summary>
    /// The zones of a borrower of <paramref name="policy"/>: usually one, sometimes two; its default zone (or none
    /// given, which means the default zone) about half the time when it has one, else any of <see cref="Zones"/>.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The generator.</returns>
    public static Gen<ImmutableArray<string>> ZoneSetsFor(CadencePolicy policy) => ZoneSets(PolicyProfile.Of(policy, []));

    /// <summary>One of <see cref="Zones"/>, or two different ones (a quarter of the time).</summary>
    /// <returns>The generator.</returns>
    public static Gen<ImmutableArray<string>> ZoneSets() => ZoneSets(Zones);

    /// <summary>
    /// An instant within two days of one of the zone's offset changes in 2026–2027 (three times in four), or anywhere
    /// in 2026; for a zone without changes, anywhere in 2026.
    /// </summary>
    /// <param name="zoneId">An IANA zone id.</param>
    /// <returns>The generator.</returns>
    public static Gen<Instant> InstantsNearTransitions(string zoneId) => InstantsNearTransitions(DateTimeZoneProviders.Tzdb[zoneId]);

    /// <summary>An instant within two days of one of the zone's offset changes in 2026–2027 (three times in four), or anywhere in 2026.</summary>
    /// <param name="zone">The zone.</param>
    /// <returns>The generator.</returns>
    public static Gen<Instant> InstantsNearTransitions(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return from nearChange in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
               from day in Gen.Choose(0, 500)
               from minutes in Gen.Choose(-48 * 60, 48 * 60)
               select nearChange ? NearChange(zone, day, minutes) : NearChange(DateTimeZone.Utc, day, minutes);
    }

    /// <summary>
    /// Valid generated policies: one to four contact or escalation steps (repeating or not), windows with edges at
    /// and around midnight, caps of every period shape, cooldowns in durations and calendar days, dispute, promise and
    /// cease holds, consent, workplace and exhaustion rules, and a holiday calendar.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<CadencePolicy> Policies() => PolicyGen(persons: false);

    private static Gen<CadencePolicy> PolicyGen(bool persons) =>
        (from steps in StepGen(persons).ArrayOf(4)
         from stepCount in Gen.Choose(1, 4)
         from windows in WindowGen(persons).ArrayOf(3)
         from windowCount in Gen.Choose(0, 3)
         from caps in CapGen(persons).ArrayOf(3)
         from capCount in Gen.Choose(0, 3)
         from cooldowns in CooldownGen(persons).ArrayOf(2)
         from cooldownCount in Gen.Choose(0, 2)
         from holdBlocksAll in Gen.Elements(true, false)
         from consent in Gen.SubListOf(BasicChannels)
         from workplace in Gen.SubListOf(BasicChannels)
         from exhaustion in Gen.Choose(0, 3)
         from holidayOffsets in Gen.Choose(-30, 60).ArrayOf(3)
         from order in Gen.Elements(SelectionOrder.PriorityThenEarliest, SelectionOrder.EarliestThenPriority)
         from personRules in persons ? PersonRulesGen() : Gen.Constant<Action<CadencePolicyBuilder>>(_ => { })
         select TryBuild(b =>
         {
             b.WithSelectionOrder(order).WithHorizon(Duration.FromDays(20));
             personRules(b);
             for (var i = 0; i < stepCount; i++)
             {
                 b.AddStep(steps[i] with { Id = "s" + i.ToString(CultureInfo.InvariantCulture) });
             }

             if (windowCount > 0)
             {
                 b.AddWindow("base", DayKinds.All, TimeRange.WholeDay);
             }

             for (var i = 0; i < windowCount; i++)
             {
                 b.AddWindow(windows[i] with { Name = $"w{i.ToString(CultureInfo.InvariantCulture)}-{windows[i].Name}" });
             }

             for (var i = 0; i < capCount; i++)
             {
                 b.AddCap(caps[i] with { Name = $"cap{i.ToString(CultureInfo.InvariantCulture)}-{caps[i].Name}" });
             }

             for (var i = 0; i < cooldownCount; i++)
             {
                 b.AddCooldown(cooldowns[i] with { Name = $"cooldown{i.ToString(CultureInfo.InvariantCulture)}-{cooldowns[i].Name}" });
             }

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

    /// <summary>Smaller scenarios: each account alone, then (for one account) the smaller accounts of <see cref="Shrink(BorrowerState)"/>.</summary>
    /// <param name="scenario">A scenario.</param>
    /// <returns>Smaller scenarios.</returns>
    public static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Accounts.Length > 1)
        {
            foreach (var account in scenario.Accounts)
            {
                yield return scenario with { Accounts = [account] };
            }

            yield break;
        }

        if (scenario.Accounts.Length == 1)
        {
            foreach (var smaller in Shrink(scenario.Accounts[0]))
            {
                yield return scenario with { Accounts = [smaller] };
            }
        }
    }

    /// <summary>Smaller scenarios: the same policy and instant with the smaller accounts of <see cref="Shrink(BorrowerState)"/>.</summary>
    /// <param name="scenario">A scenario.</param>
    /// <returns>Smaller scenarios.</returns>
    public static IEnumerable<AccountScenario> Shrink(AccountScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Shrink(scenario.Account).Select(a => scenario with { Account = a });
    }

    /// <summary>
    /// Smaller accounts: without half of the history (for long ones), without one history entry, hold, contact point
    /// or tag at a time, and with one zone instead of two.
    /// </summary>
    /// <param name="account">An account.</param>
    /// <returns>Smaller accounts, the biggest cuts first.</returns>
    public static IEnumerable<BorrowerState> Shrink(BorrowerState account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return SmallerHistories(account.History).Select(h => account with { History = h })
            .Concat(WithoutOne(account.Holds).Select(h => account with { Holds = h }))
            .Concat(WithoutOne(account.ContactPoints).Select(p => account with { ContactPoints = p }))
            .Concat(WithoutOne(account.Tags).Select(t => account with { Tags = t }))
            .Concat(OneZone(account.TimeZoneIds).Select(z => account with { TimeZoneIds = z }));
    }

    /// <summary>A history without either half (when it is long), then without one entry at a time.</summary>
    private static IEnumerable<ImmutableArray<ContactAttempt>> SmallerHistories(ImmutableArray<ContactAttempt> history)
    {
        if (history.Length >= 6)
        {
            var half = history.Length / 2;
            yield return history.RemoveRange(0, half);
            yield return history.RemoveRange(half, history.Length - half);
        }

        foreach (var smaller in WithoutOne(history))
        {
            yield return smaller;
        }
    }

    private static IEnumerable<ImmutableArray<T>> WithoutOne<T>(ImmutableArray<T> items) => Enumerable.Range(0, items.Length).Select(items.RemoveAt);

    /// <summary>Each zone alone, for two zones or more.</summary>
    private static IEnumerable<ImmutableArray<string>> OneZone(ImmutableArray<string> zones)
        => zones.Length > 1 ? zones.Take(2).Select(z => ImmutableArray.Create(z)) : [];

    private static Gen<T> Pick<T>(IEnumerable<T> items) => Gen.Elements(items);

    private static DateTimeZone ZoneOf(CadencePolicy policy, ImmutableArray<string> zones)
        => zones.IsEmpty ? policy.DefaultZone! : policy.ZoneProvider.GetZoneOrNull(zones[0]) ?? DateTimeZone.Utc;

    private static Gen<ImmutableArray<string>> ZoneSets(IReadOnlyList<string> zones) =>
        from first in Pick(zones)
        from second in Pick(zones)
        from two in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select two && second != first ? ImmutableArray.Create(first, second) : [first];

    private static Gen<ImmutableArray<string>> ZoneSets(PolicyProfile profile)
    {
        if (profile.PolicyZones.IsEmpty)
        {
            return ZoneSets(profile.Zones);
        }

        var own = from first in Pick(profile.PolicyZones)
                  from other in Pick(profile.Zones)
                  from shape in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)), (1, Gen.Constant(3)))
                  select shape switch
                  {
                      // No zone at all: the policy's default zone applies.
                      0 when profile.HasDefaultZone => ImmutableArray<string>.Empty,
                      2 when other != first => ImmutableArray.Create(first, other),
                      3 when other != first => ImmutableArray.Create(other, first),
                      _ => [first],
                  };
        return Gen.Frequency((1, own), (1, ZoneSets(profile.Zones)));
    }

    private static Instant NearChange(DateTimeZone zone, int day, int minutes)
    {
        var start = Start + Duration.FromDays(day % 361);
        var interval = zone.GetZoneInterval(start);
        return interval.HasEnd && interval.End < End
            ? interval.End + Duration.FromMinutes(minutes)
            : start + Duration.FromMinutes(minutes + (48 * 60));
    }

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

    private static Gen<CadenceStep> StepGen(bool persons) =>
        from channel in Gen.Elements(BasicChannels)
        from fromDay in Gen.Choose(-10, 30)
        from length in Gen.Choose(0, 20)
        from repeatHours in Gen.Elements(0, 0, 1, 6, 24, 72)
        from priority in Gen.Choose(0, 5)
        from escalation in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from bundle in persons ? Gen.Elements(true, false) : Gen.Constant(false)
        from calendarDays in persons ? Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2))) : Gen.Constant(0)
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
                Bundle = bundle,
                RepeatInterval = repeatHours == 0 || calendarDays > 0 ? null : Duration.FromHours(repeatHours),
                RepeatCalendarDays = calendarDays > 0 ? calendarDays : null,
            };

    private static Gen<ContactWindow> WindowGen(bool persons) =>
        from days in Gen.Choose(1, 15)
        from start in Gen.Elements(EdgeMinutes[..^1])
        from length in Gen.Elements(30, 60, 120, 240, 600, 780, 1440)
        from channels in Gen.SubListOf(BasicChannels)
        from source in persons ? RegionLimits() : Gen.Constant<RuleSource?>(null)
        select new ContactWindow(
            "w" + start.ToString(CultureInfo.InvariantCulture),
            (DayKinds)days,
            [new TimeRange(LocalTime.FromMinutesSinceMidnight(start), start + length >= 1440 ? LocalTime.Midnight : LocalTime.FromMinutesSinceMidnight(start + length))],
            [.. channels]) { Source = source };

    private static Gen<FrequencyCap> CapGen(bool persons) =>
        from kind in Gen.Choose(0, 4)
        from limit in Gen.Choose(1, 4)
        from hours in Gen.Elements(1, 6, 24, 72, 168)
        from days in Gen.Choose(1, 7)
        from channels in Gen.SubListOf(BasicChannels)
        from outcomes in Gen.Frequency((3, Gen.Constant(ImmutableArray<ContactOutcome>.Empty)), (1, Gen.Constant(ImmutableArray.Create(ContactOutcome.Conversation))))
        from direction in Gen.Elements(DirectionFilter.Outbound, DirectionFilter.Any)
        from scope in persons ? Gen.Elements(Scopes) : Gen.Constant(RuleScope.Person)
        from kinds in persons ? Gen.Frequency((4, Gen.Constant<IList<ContactPointKind>>([])), (1, Gen.SubListOf(Enum.GetValues<ContactPointKind>()).Select(l => (IList<ContactPointKind>)[.. l.Take(3)]))) : Gen.Constant<IList<ContactPointKind>>([])
        from source in persons ? RegionLimits() : Gen.Constant<RuleSource?>(null)
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
            new AttemptFilter([.. channels], direction, outcomes))
        {
            Scope = scope,
            ContactPointKinds = [.. kinds],
            Source = source,
        };

    private static Gen<Cooldown> CooldownGen(bool persons) =>
        from trigger in Gen.SubListOf(BasicChannels)
        from blocks in Gen.SubListOf(BasicChannels)
        from outcomes in Gen.Frequency((1, Gen.Constant(ImmutableArray<ContactOutcome>.Empty)), (1, Gen.Constant(ImmutableArray.Create(ContactOutcome.Conversation))))
        from days in Gen.Choose(0, 7)
        from hours in Gen.Elements(1, 4, 24, 48)
        from scope in persons ? Gen.Elements(Scopes) : Gen.Constant(RuleScope.Person)
        from source in persons ? RegionLimits() : Gen.Constant<RuleSource?>(null)
        select new Cooldown(
            "cooldown" + days.ToString(CultureInfo.InvariantCulture),
            new AttemptFilter([.. trigger], DirectionFilter.Any, outcomes),
            [.. blocks],
            days > 0 ? CooldownLength.CalendarDays(days) : CooldownLength.Of(Duration.FromHours(hours)))
        {
            Scope = scope,
            Source = source,
        };

    /// <summary>A day relative to the due date inside some step's window most of the time, so that steps are due.</summary>
    private static Gen<int> DayFromDue(PolicyProfile profile) => profile.Steps.IsEmpty
        ? Gen.Choose(-40, 40)
        : Gen.Frequency(
            (4, from step in Pick(profile.Steps) from day in Gen.Choose(step.FromDay, Math.Min(step.ToDay ?? int.MaxValue, step.FromDay + 60)) select day),
            (1, Gen.Choose(-40, 40)));

    private static Gen<BorrowerState> Accounts(PolicyProfile profile, ImmutableArray<string> zones, Instant now)
    {
        var channels = profile.Channels;
        return from terms in AccountTerms(profile, ZoneOf(profile.Policy, zones), now)
               from points in ContactPoints(now).ArrayOf(channels.Length)
               from keep in ChannelsKept(channels.Length)
               from history in History(profile, now)
               select new BorrowerState("acct")
               {
                   TimeZoneIds = zones,
                   DueDate = terms.DueDate,
                   AmountDue = terms.AmountDue,
                   Autopay = terms.Autopay,
                   ContactPoints = [.. keep.Select(i => points[i] with { Channel = channels[i] })],
                   Holds = terms.Holds,
                   Tags = terms.Tags,
                   History = history,
               };
    }

    /// <summary>What a debt owes and what holds and tags it has: the part an account and a person's account share.</summary>
    private static Gen<Account> AccountTerms(PolicyProfile profile, DateTimeZone zone, Instant now) =>
        from dueOffset in DayFromDue(profile)
        from holds in Holds(profile, now).ArrayOf(2)
        from holdCount in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        from tags in profile.Tags.IsEmpty ? Gen.Constant<IList<string>>([]) : Gen.SubListOf(profile.Tags.AsEnumerable()).Select(l => (IList<string>)l)
        from amount in Pick(profile.Amounts)
        from paid in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from autopay in Gen.Elements(true, false)
        select new Account("acct")
        {
            DueDate = paid ? null : now.InZone(zone).Date.PlusDays(-dueOffset),
            AmountDue = new Money(amount, profile.Currency),
            Autopay = autopay,
            Holds = [.. holds.Take(holdCount)],
            Tags = [.. tags],
        };

    /// <summary>The indexes of the channels a borrower has a contact point on: all of them three times in four, else some.</summary>
    private static Gen<IList<int>> ChannelsKept(int channelCount) =>
        Gen.Frequency(
            (3, Gen.Constant<IList<int>>([.. Enumerable.Range(0, channelCount)])),
            (1, Gen.SubListOf(Enumerable.Range(0, channelCount)).Select(l => (IList<int>)[.. l.Distinct()])));

    private static Gen<ContactPoint> ContactPoints(Instant now) =>
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

    private static Gen<ImmutableArray<ContactAttempt>> History(PolicyProfile profile, Instant now) =>
        from parts in HistoryParts(profile, now)
        select ImmutableArray.Create([.. parts.Burst, .. parts.Streak, .. parts.Spread]);

    /// <summary>A history's parts: a burst that fills a cap, a failure streak on one channel, and attempts spread over the last weeks.</summary>
    private static Gen<(ContactAttempt[] Burst, ContactAttempt[] Streak, ContactAttempt[] Spread)> HistoryParts(PolicyProfile profile, Instant now) =>
        from burst in Gen.Frequency((1, Gen.Constant(Array.Empty<ContactAttempt>())), (3, Burst(profile, now)))
        from streak in Gen.Frequency((3, Gen.Constant(Array.Empty<ContactAttempt>())), (1, FailureStreak(profile, now)))
        from spreadCount in Gen.Choose(0, 14)
        from spread in Attempt(profile, now, Gen.Choose(-3 * 24 * 60, 25 * 24 * 60), Pick(profile.Channels), Gen.Elements(Outcomes), DirectionGen()).ArrayOf(spreadCount)
        select (burst, streak, spread);

    /// <summary>
    /// Attempts that fill one cap of the policy to its limit or just past it, within its period before now (a few
    /// booked after now), or, without caps, a burst on one channel of the policy's steps in the last hours.
    /// </summary>
    private static Gen<ContactAttempt[]> Burst(PolicyProfile profile, Instant now)
    {
        var channelBurst =
            from count in Gen.Choose(2, 9)
            from channel in Pick(profile.StepChannels)
            from attempts in Attempt(profile, now, MinutesAgo(36 * 60), Gen.Constant(channel), Gen.Elements(Outcomes), DirectionGen()).ArrayOf(count)
            select attempts;
        if (profile.Caps.IsEmpty)
        {
            return channelBurst;
        }

        var capBurst =
            from cap in Pick(profile.Caps)
            from count in Gen.Choose(Math.Max(1, cap.Limit - 2), Math.Min(cap.Limit + 1, 16))
            from attempts in Attempt(
                profile,
                now,
                MinutesAgo(PeriodMinutes(cap.Period)),
                Pick(cap.Counts.Channels.IsEmpty ? profile.Channels : cap.Counts.Channels),
                cap.Counts.Outcomes.IsEmpty ? Gen.Elements(Outcomes) : Pick(cap.Counts.Outcomes.Add(ContactOutcome.Unknown)),
                cap.Counts.Directions.HasFlag(DirectionFilter.Outbound) ? Gen.Constant(ContactDirection.Outbound) : Gen.Constant(ContactDirection.Inbound)).ArrayOf(count)
            select attempts;
        return Gen.Frequency((1, channelBurst), (3, capBurst));
    }

    /// <summary>Consecutive failed outbound attempts on one channel, as many as an exhaustion rule allows or one more.</summary>
    private static Gen<ContactAttempt[]> FailureStreak(PolicyProfile profile, Instant now) =>
        from threshold in Pick(profile.ExhaustionThresholds)
        from count in Gen.Choose(Math.Max(1, threshold - 1), threshold + 1)
        from channel in Pick(profile.StepChannels)
        from attempts in Attempt(profile, now, MinutesAgo(10 * 24 * 60), Gen.Constant(channel), Pick(profile.FailureOutcomes), Gen.Constant(ContactDirection.Outbound)).ArrayOf(count)
        select attempts;

    private static Gen<int> MinutesAgo(int period) => Gen.Frequency((8, Gen.Choose(0, Math.Max(0, period - 1))), (1, Gen.Choose(-90, 0)));

    private static int PeriodMinutes(CapPeriod period) => period.Kind switch
    {
        CapPeriodKind.Rolling => (int)Math.Clamp(period.Length.TotalMinutes, 1, 60 * 24 * 60),
        CapPeriodKind.SlidingDays => Math.Clamp(period.Days, 1, 60) * 24 * 60,
        CapPeriodKind.CalendarDay => 24 * 60,
        CapPeriodKind.CalendarWeek => 7 * 24 * 60,
        _ => 31 * 24 * 60,
    };

    private static Gen<ContactDirection> DirectionGen() => Gen.Frequency((4, Gen.Constant(ContactDirection.Outbound)), (1, Gen.Constant(ContactDirection.Inbound)));

    private static Gen<ContactAttempt> Attempt(PolicyProfile profile, Instant now, Gen<int> minutesAgo, Gen<Channel> channels, Gen<ContactOutcome> outcomes, Gen<ContactDirection> directions) =>
        from ago in minutesAgo
        from channel in channels
        from direction in directions
        from outcome in outcomes
        from serves in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from step in Gen.Elements(profile.StepsServing(channel))
        select new ContactAttempt(now - Duration.FromMinutes(ago), channel, direction, outcome, serves && direction == ContactDirection.Outbound ? step : null);

    private static Gen<Hold> Holds(PolicyProfile profile, Instant now) =>
        from kind in Pick(profile.HoldKinds)
        from startHours in Gen.Choose(-24 * 20, 24 * 5)
        from lengthHours in Gen.Frequency((1, Gen.Constant(-1)), (5, Gen.Choose(0, 24 * 10)))
        from promisedDays in Gen.Choose(-3, 6)
        select new Hold(kind, now + Duration.FromHours(startHours), lengthHours < 0 ? null : now + Duration.FromHours(startHours + lengthHours))
        {
            PromisedDate = kind == HoldKind.PromiseToPay ? now.InUtc().Date.PlusDays(promisedDays) : null,
        };

    /// <summary>What a policy (and the policies it is checked against) names: what its accounts must cover.</summary>
    private sealed class PolicyProfile
    {
        private PolicyProfile(CadencePolicy policy, IReadOnlyList<CadencePolicy> all)
        {
            Policy = policy;
            HasDefaultZone = policy.DefaultZone is not null;
            PolicyZones = [.. all.Select(p => p.DefaultZone?.Id).OfType<string>().Distinct()];
            Zones = [.. Zones0().Distinct()];
            Steps = policy.Steps;
            StepChannels = policy.Steps.Any(s => s.Channel is not null) ? [.. policy.Steps.Select(s => s.Channel).OfType<Channel>().Distinct()] : [Channel.Call];
            Channels = [.. BasicChannels.Concat(StepChannels).Distinct().Order()];
            Caps = [.. all.SelectMany(p => p.Caps)];
            HoldKinds = [.. BasicHoldKinds
                .Concat(all.SelectMany(p => p.HoldRules.Select(r => r.Kind)))
                .Concat(all.SelectMany(p => p.Steps.SelectMany(s => s.Conditions)).Select(c => c.Hold).OfType<HoldKind>())
                .Distinct()];
            var conditions = all.SelectMany(p => p.Steps.SelectMany(s => s.Conditions)).ToList();
            Tags = [.. conditions.Select(c => c.Tag).OfType<string>().Distinct(StringComparer.Ordinal)];
            Amounts = [.. new[] { 120m }.Concat(conditions.Select(c => c.Amount).OfType<decimal>().SelectMany(a => new[] { a - 0.01m, a, a * 2 })).Where(a => a >= 0).Distinct()];
            ExhaustionThresholds = all.SelectMany(p => p.ExhaustionRules).Any() ? [.. all.SelectMany(p => p.ExhaustionRules).Select(r => r.ConsecutiveFailures).Distinct()] : [3];
            // An unknown outcome counts as a failure for every rule: streaks mix it in.
            FailureOutcomes = [.. all.SelectMany(p => p.ExhaustionRules).SelectMany(r => r.FailureOutcomes).Concat(ExhaustionRule.DefaultFailureOutcomes).Append(ContactOutcome.Unknown).Distinct()];
            Regions = [.. CadenceArbitraries.Regions
                .Concat(all.SelectMany(p => p.Windows.Select(w => w.Source).Concat(p.Caps.Select(c => c.Source)).Concat(p.Cooldowns.Select(c => c.Source))
                    .Concat(p.HoldRules.Select(r => r.Source)).Concat(p.ExhaustionRules.Select(r => r.Source))).OfType<RuleSource>().SelectMany(r => r.Regions))
                .Distinct(StringComparer.OrdinalIgnoreCase)];
            EscalationSteps = [.. policy.Steps.Where(s => s.IsEscalation)];
            stepsByChannel = Channels.ToDictionary(c => c, c => (string?[])[null, .. policy.Steps.Where(s => s.Channel == c).Select(s => s.Id)]);

            IEnumerable<string> Zones0() => PolicyZones.Concat(CadenceArbitraries.Zones).Where(id => policy.ZoneProvider.GetZoneOrNull(id) is not null);
        }

        private readonly Dictionary<Channel, string?[]> stepsByChannel;

        public CadencePolicy Policy { get; }

        public bool HasDefaultZone { get; }

        public ImmutableArray<string> PolicyZones { get; }

        public ImmutableArray<string> Zones { get; }

        public ImmutableArray<CadenceStep> Steps { get; }

        public ImmutableArray<Channel> StepChannels { get; }

        public ImmutableArray<Channel> Channels { get; }

        public ImmutableArray<FrequencyCap> Caps { get; }

        public ImmutableArray<string> Regions { get; }

        public ImmutableArray<CadenceStep> EscalationSteps { get; }

        public ImmutableArray<HoldKind> HoldKinds { get; }

        public ImmutableArray<string> Tags { get; }

        public ImmutableArray<decimal> Amounts { get; }

        public ImmutableArray<int> ExhaustionThresholds { get; }

        public ImmutableArray<ContactOutcome> FailureOutcomes { get; }

        public string Currency => "USD";

        public static PolicyProfile Of(CadencePolicy policy, IEnumerable<CadencePolicy> constraints)
        {
            ArgumentNullException.ThrowIfNull(policy);
            ArgumentNullException.ThrowIfNull(constraints);
            return new PolicyProfile(policy, [policy, .. constraints]);
        }

        /// <summary>The steps an attempt on <paramref name="channel"/> may serve (with <see langword="null"/>: none).</summary>
        public string?[] StepsServing(Channel channel) => stepsByChannel.TryGetValue(channel, out var ids) ? ids : [null];
    }
}
