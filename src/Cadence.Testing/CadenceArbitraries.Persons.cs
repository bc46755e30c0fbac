using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Cadence.Testing;

/// <content>Generators of persons: several accounts, several contact points per channel, one shared history.</content>
public static partial class CadenceArbitraries
{
    private static readonly RuleScope[] Scopes = [RuleScope.Person, RuleScope.Account, RuleScope.ContactPoint];
    private static readonly string[] PointIds = [.. Enumerable.Range(1, 24).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture)), "home", "mob", "work"];

    /// <summary>The id of a contact point a generated attempt names but the person no longer has (an old number).</summary>
    public const string FormerContactPointId = "old-number";

    /// <summary>
    /// Regions generated persons live in, besides those the policy's rules are limited to: a country, a subdivision of
    /// it, and another country.
    /// </summary>
    public static ImmutableArray<string> Regions { get; } = ["US", "US-MA", "RU"];

    /// <summary>
    /// Valid generated policies that count over persons: those of <see cref="Policies"/>, with caps and cooldowns scoped
    /// per person, account or contact point, caps limited to kinds of contact point, windows, caps and cooldowns limited
    /// to regions, steps that bundle accounts or repeat once per local day, an escalation step, a contact-point
    /// preference by kind and a default zone.
    /// </summary>
    /// <returns>The generator.</returns>
    public static Gen<CadencePolicy> PersonPolicies() => PolicyGen(persons: true);

    /// <summary>A generated policy (<see cref="PersonPolicies"/>) and a person of it, evaluated near a daylight-saving change.</summary>
    /// <returns>The arbitrary, shrinking with <see cref="Shrink(PersonScenario)"/>.</returns>
    public static Arbitrary<PersonScenario> PersonScenarios() => Arb.From(
        from policy in PersonPolicies()
        from scenario in PersonScenariosFor(policy)
        select scenario,
        Shrink);

    /// <summary>
    /// A person of <paramref name="policy"/> (see <see cref="PersonsFor"/>) in zones it names or any of
    /// <see cref="Zones"/>, evaluated near a daylight-saving change of the first one.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="constraints">Further policies the persons are checked against: their caps, zones, hold kinds and regions are covered too.</param>
    /// <returns>The generator.</returns>
    public static Gen<PersonScenario> PersonScenariosFor(CadencePolicy policy, params IEnumerable<CadencePolicy> constraints)
    {
        var profile = PolicyProfile.Of(policy, constraints);
        return from zones in ZoneSets(profile)
               from now in InstantsNearTransitions(ZoneOf(policy, zones))
               from person in Persons(profile, zones, now)
               select new PersonScenario(policy, person, now);
    }

    /// <summary>
    /// Persons of <paramref name="policy"/> at <paramref name="now"/>: one to three accounts (<c>a1</c>…, seven, two and
    /// one times in ten) whose due dates, amounts, holds and tags are those of <see cref="AccountsFor"/> (one in fifteen
    /// owing nothing); one to three contact points per channel, of kinds that fit it, with their own ids (a lone point
    /// sometimes keeping its channel's default id), some opted out, without consent or at the workplace, on some
    /// channels none; person-level holds; no region, or one or two of <see cref="Regions"/> and those the rules are
    /// limited to; and one shared history — the bursts and streaks of <see cref="HistoriesFor"/>, a burst most of the
    /// time on one contact point and about one account, each other attempt on one point, on none (every point of its
    /// channel) or on <see cref="FormerContactPointId"/>, about one account, some, or none (every account) — and
    /// escalations already made.
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="zoneIds">The person's zones, first one first; empty for the policy's default zone.</param>
    /// <param name="now">The evaluation instant histories and holds are placed around.</param>
    /// <param name="constraints">Further policies whose caps, hold kinds and regions the persons cover too.</param>
    /// <returns>The generator.</returns>
    public static Gen<Person> PersonsFor(CadencePolicy policy, IReadOnlyList<string> zoneIds, Instant now, params IEnumerable<CadencePolicy> constraints)
    {
        ArgumentNullException.ThrowIfNull(zoneIds);
        return Persons(PolicyProfile.Of(policy, constraints), [.. zoneIds], now);
    }

    /// <summary>Smaller scenarios: the same policy and instant with the smaller persons of <see cref="Shrink(Person)"/>.</summary>
    /// <param name="scenario">A scenario.</param>
    /// <returns>Smaller scenarios.</returns>
    public static IEnumerable<PersonScenario> Shrink(PersonScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Shrink(scenario.Person).Select(p => scenario with { Person = p });
    }

    /// <summary>
    /// Smaller persons: without half of the history (for long ones), without one history entry, account (and its
    /// mentions in the history), contact point, hold of the person or holds of an account at a time, with one zone
    /// instead of two and without regions.
    /// </summary>
    /// <param name="person">A person.</param>
    /// <returns>Smaller persons, the biggest cuts first.</returns>
    public static IEnumerable<Person> Shrink(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var history = person.History;
        var withoutAnAccount = person.Accounts.Length < 2 ? [] : person.Accounts.Select((a, i) => person with
        {
            Accounts = person.Accounts.RemoveAt(i),
            History = [.. history
                .Where(h => !(h.AccountIds.Length == 1 && h.AccountIds[0] == a.AccountId))
                .Select(h => h.AccountIds.Contains(a.AccountId) ? h with { AccountIds = h.AccountIds.Remove(a.AccountId) } : h)],
        });
        return SmallerHistories(history).Select(h => person with { History = h })
            .Concat(withoutAnAccount)
            .Concat(WithoutOne(person.ContactPoints).Select(p => person with { ContactPoints = p }))
            .Concat(WithoutOne(person.Holds).Select(h => person with { Holds = h }))
            .Concat(person.Accounts.Select((a, i) => (a, i)).Where(x => !x.a.Holds.IsEmpty).Select(x => person with { Accounts = person.Accounts.SetItem(x.i, x.a with { Holds = [] }) }))
            .Concat(OneZone(person.TimeZoneIds).Select(z => person with { TimeZoneIds = z }))
            .Concat(person.Regions.IsEmpty ? [] : [person with { Regions = [] }]);
    }

    /// <summary>The rules a policy of persons adds: an escalation step, a contact-point preference and a default zone.</summary>
    private static Gen<Action<CadencePolicyBuilder>> PersonRulesGen() =>
        from escalation in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from escalationFrom in Gen.Choose(-5, 25)
        from preference in Gen.Frequency((2, Gen.Constant<IList<ContactPointKind>>([])), (1, Gen.Shuffle(Enum.GetValues<ContactPointKind>()).Select(k => (IList<ContactPointKind>)[.. k.Take(4)])))
        from defaultZone in Gen.Elements<string?>(null, "America/New_York", "Europe/Moscow")
        select (Action<CadencePolicyBuilder>)(b =>
        {
            if (defaultZone is not null)
            {
                b.WithDefaultZone(defaultZone);
            }

            if (escalation)
            {
                b.AddStep(CadenceStep.Escalation("esc", "agency-placement", escalationFrom, escalationFrom + 30) with { Priority = 3 });
            }

            if (preference.Count > 0)
            {
                b.WithContactPointPreference(preference);
            }
        });

    /// <summary>No region limit three times in four, else a limit to a country or a subdivision (a rule of a state or national pack).</summary>
    private static Gen<RuleSource?> RegionLimits() =>
        Gen.Frequency(
            (3, Gen.Constant<RuleSource?>(null)),
            (1, from regions in Gen.Elements<string[]>(["US"], ["US-MA"], ["RU"], ["US-MA", "RU"])
                select (RuleSource?)new RuleSource("generated-pack", "generated", SourceConfidence.Default) { Regions = [.. regions] }));

    private static Gen<Person> Persons(PolicyProfile profile, ImmutableArray<string> zones, Instant now)
    {
        var zone = ZoneOf(profile.Policy, zones);
        return from count in Gen.Frequency((7, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
               from terms in Gen.CollectToArray(Enumerable.Range(0, count), _ => from a in AccountTerms(profile, zone, now)
                                                                                  from zero in Gen.Frequency((14, Gen.Constant(false)), (1, Gen.Constant(true)))
                                                                                  select zero ? a with { AmountDue = a.AmountDue with { Amount = 0m } } : a)
               from points in PersonContactPoints(profile, now)
               from holds in Holds(profile, now).ArrayOf(1)
               from holdCount in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1)))
               from regions in RegionSets(profile)
               let ids = terms.Select((_, i) => "a" + (i + 1).ToString(CultureInfo.InvariantCulture)).ToArray()
               from history in PersonHistory(profile, points, ids, now)
               select new Person("person")
               {
                   TimeZoneIds = zones,
                   Regions = regions,
                   Holds = [.. holds.Take(holdCount)],
                   ContactPoints = points,
                   Accounts = [.. terms.Select((a, i) => a with { AccountId = ids[i] })],
                   History = history,
               };
    }

    private static Gen<ImmutableArray<string>> RegionSets(PolicyProfile profile) =>
        from first in Pick(profile.Regions)
        from second in Pick(profile.Regions)
        from shape in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
        select shape switch
        {
            0 => ImmutableArray<string>.Empty,
            2 when !string.Equals(first, second, StringComparison.OrdinalIgnoreCase) => ImmutableArray.Create(first, second),
            _ => [first],
        };

    private static ContactPointKind[] KindsOf(Channel channel) => channel switch
    {
        Channel.Call => [ContactPointKind.Mobile, ContactPointKind.Landline, ContactPointKind.Work, ContactPointKind.Unspecified, ContactPointKind.Other],
        Channel.Sms => [ContactPointKind.Mobile, ContactPointKind.Unspecified],
        Channel.Email => [ContactPointKind.PersonalEmail, ContactPointKind.WorkEmail],
        Channel.Letter => [ContactPointKind.Postal, ContactPointKind.Unspecified],
        Channel.Push => [ContactPointKind.App],
        _ => [ContactPointKind.Unspecified, ContactPointKind.Other],
    };

    /// <summary>
    /// One to three points on the channels kept (see <see cref="ChannelsKept"/>), with distinct ids (a lone point of a
    /// channel keeps its default id half the time), in an order unrelated to their ids, channels or kinds.
    /// </summary>
    private static Gen<ImmutableArray<ContactPoint>> PersonContactPoints(PolicyProfile profile, Instant now)
    {
        var channels = profile.Channels;
        return from keep in ChannelsKept(channels.Length)
               from perChannel in Gen.CollectToArray(keep, c =>
                   from count in Gen.Frequency((5, Gen.Constant(1)), (3, Gen.Constant(2)), (2, Gen.Constant(3)))
                   from points in Gen.CollectToArray(Enumerable.Range(0, count), _ => from p in ContactPoints(now) from kind in Gen.Elements(KindsOf(channels[c])) select p with { Channel = channels[c], Kind = kind })
                   from defaultId in Gen.Elements(true, false)
                   select (Points: points, DefaultId: defaultId && count == 1))
               from ids in Gen.Shuffle(PointIds)
               from order in Gen.Shuffle(Enumerable.Range(0, PointIds.Length).ToArray())
               let all = perChannel.SelectMany(c => c.Points.Select(p => (Point: p, c.DefaultId))).ToArray()
               select ImmutableArray.CreateRange(all
                   .Select((x, i) => x.DefaultId ? x.Point : x.Point with { Id = ids[i] })
                   .Select((p, i) => (p, Rank: order[i]))
                   .OrderBy(x => x.Rank)
                   .Select(x => x.p));
    }

    /// <summary>
    /// The history of <see cref="HistoriesFor"/> placed on the person's points and accounts: the burst and the streak
    /// each on one point of their channel (three times in four) and about one account (the burst, three times in four),
    /// every other attempt on its own; plus escalations already made.
    /// </summary>
    private static Gen<ImmutableArray<ContactAttempt>> PersonHistory(PolicyProfile profile, ImmutableArray<ContactPoint> points, string[] accounts, Instant now) =>
        from parts in HistoryParts(profile, now)
        from burstPoint in Gen.Frequency((1, Gen.Constant(-1)), (3, Gen.Choose(0, 5)))
        from burstAccounts in Gen.Frequency((1, Concerns(accounts)), (3, Gen.Elements(accounts).Select(a => ImmutableArray.Create(a))))
        from streakPoint in Gen.Frequency((1, Gen.Constant(-1)), (3, Gen.Choose(0, 5)))
        from streakAccounts in Concerns(accounts)
        from spread in Gen.CollectToArray(parts.Spread, a => from point in AttemptPoint(points, a.Channel) from concerns in Concerns(accounts) select a with { ContactPointId = point, AccountIds = concerns })
        from served in Gen.Frequency((3, Gen.Constant(Array.Empty<ContactAttempt>())), (1, EscalationsMade(profile, accounts, now)))
        from shuffled in Gen.Shuffle([
            .. parts.Burst.Select(a => a with { ContactPointId = PointOf(points, a.Channel, burstPoint), AccountIds = burstAccounts }),
            .. parts.Streak.Select(a => a with { ContactPointId = PointOf(points, a.Channel, streakPoint), AccountIds = streakAccounts }),
            .. spread,
            .. served])
        select ImmutableArray.Create(shuffled);

    /// <summary>The <paramref name="index"/>-th point of <paramref name="channel"/> (modulo their number), or none for a negative index or a channel without points.</summary>
    private static string? PointOf(ImmutableArray<ContactPoint> points, Channel channel, int index)
    {
        var ids = points.Where(p => p.Channel == channel).Select(p => p.Id).ToArray();
        return index < 0 || ids.Length == 0 ? null : ids[index % ids.Length];
    }

    /// <summary>One of the person's points of <paramref name="channel"/> most of the time, else none (every point of the channel) or a former one.</summary>
    private static Gen<string?> AttemptPoint(ImmutableArray<ContactPoint> points, Channel channel)
    {
        var ids = points.Where(p => p.Channel == channel).Select(p => (string?)p.Id).ToArray();
        var known = ids.Length == 0 ? Gen.Constant<string?>(null) : Gen.Frequency((1, Gen.Constant<string?>(null)), (4, Gen.Elements(ids)));
        return Gen.Frequency((12, known), (1, Gen.Constant<string?>(FormerContactPointId)));
    }

    /// <summary>The accounts an attempt concerned: none listed (all of them), one, or some.</summary>
    private static Gen<ImmutableArray<string>> Concerns(string[] accounts) =>
        Gen.Frequency(
            (2, Gen.Constant(ImmutableArray<string>.Empty)),
            (3, Gen.Elements(accounts).Select(a => ImmutableArray.Create(a))),
            (1, Gen.SubListOf(accounts).Select(l => l.ToImmutableArray())));

    /// <summary>An escalation of the policy already made in the last ten days, about some of the accounts.</summary>
    private static Gen<ContactAttempt[]> EscalationsMade(PolicyProfile profile, string[] accounts, Instant now) =>
        profile.EscalationSteps.IsEmpty
            ? Gen.Constant(Array.Empty<ContactAttempt>())
            : from step in Pick(profile.EscalationSteps)
              from ago in Gen.Choose(0, 10 * 24 * 60)
              from concerns in Concerns(accounts)
              select new[] { new ContactAttempt(now - Duration.FromMinutes(ago), Channel.None, ContactDirection.Outbound, ContactOutcome.Sent, step.Id) { AccountIds = concerns } };
}
