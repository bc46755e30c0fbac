using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Cadence.Jurisdictions;

/// <summary>
/// Built-in policies that encode the contact rules of a jurisdiction. Compose one with a lender cadence
/// (<see cref="CadencePolicy.Compose"/>): windows intersect and caps, cooldowns and blocks add up, so the strictest
/// rule wins. Each pack's figures, their sources and which of them are defaults rather than verified law are listed
/// in <c>docs/jurisdictions.md</c>.
/// </summary>
/// <remarks>
/// Rule names start with the law's short name (<c>reg-f-</c>, <c>ma-</c>, <c>230-fz-</c>, <c>cn-</c>, <c>uk-</c>), so
/// an explanation says which law deferred a contact. Contact-point opt-outs
/// (an opted-out address or number is never used) and channel refusals are honoured by the engine for every policy.
/// </remarks>
public static class JurisdictionPacks
{
    /// <summary>The id of the US Regulation F pack.</summary>
    public const string UsRegulationFId = "us-regulation-f";

    /// <summary>The id of the Massachusetts overlay.</summary>
    public const string UsMassachusettsId = "us-massachusetts";

    /// <summary>The id of the Russian 230-FZ pack.</summary>
    public const string Russia230FzId = "ru-230-fz";

    /// <summary>The id of the China pack.</summary>
    public const string ChinaId = "cn-collection";

    /// <summary>The id of the United Kingdom pack.</summary>
    public const string UnitedKingdomId = "uk-fca";

    private static readonly FrozenDictionary<string, Func<IHolidayCalendar?, CadencePolicy>> Factories =
        new Dictionary<string, Func<IHolidayCalendar?, CadencePolicy>>(StringComparer.Ordinal)
        {
            [UsRegulationFId] = _ => UsRegulationF(),
            [UsMassachusettsId] = _ => UsMassachusetts(),
            [Russia230FzId] = h => Russia230Fz(h ?? HolidayCalendar.Empty),
            [ChinaId] = _ => China(),
            [UnitedKingdomId] = _ => UnitedKingdom(),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The ids of the built-in packs, in order.</summary>
    public static ImmutableArray<string> Ids { get; } = [UsRegulationFId, UsMassachusettsId, Russia230FzId, ChinaId, UnitedKingdomId];

    /// <summary>The pack with <paramref name="id"/>, built with its default options.</summary>
    /// <param name="id">One of <see cref="Ids"/>.</param>
    /// <param name="holidays">Public holidays, for packs whose hours depend on them (<see cref="Russia230FzId"/>).</param>
    /// <returns>The pack.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> names no pack.</exception>
    /// <exception cref="PolicyValidationException">The pack needs holidays and none were given.</exception>
    public static CadencePolicy Create(string id, IHolidayCalendar? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Factories.TryGetValue(id, out var factory)
            ? factory(holidays)
            : throw new ArgumentException($"'{id}' is not a built-in jurisdiction pack; the packs are {string.Join(", ", Ids)}.", nameof(id));
    }

    /// <summary>
    /// US Regulation F (12 CFR 1006) with the FDCPA and the TCPA's consent rule for texts: contact only 08:00–21:00 in
    /// every zone of the borrower; at most 7 placed calls in 7 consecutive local days; no call for 7 days after a
    /// telephone conversation in either direction (its day is day 1); a cease-communication request stops every step;
    /// no e-mail to a workplace address; texts need prior consent; voicemails are limited-content.
    /// </summary>
    /// <param name="options">The figures a lender may tune; <see langword="null"/> for the defaults.</param>
    /// <returns>The pack.</returns>
    public static CadencePolicy UsRegulationF(RegulationFOptions? options = null)
    {
        options ??= new RegulationFOptions();
        var p = "reg-f-";
        var placedCalls = AttemptFilter.Outbound(Channel.Call);
        if (options.ExcludeUnconnectedCalls)
        {
            placedCalls = placedCalls.WithOutcomes(
                ContactOutcome.Sent, ContactOutcome.Delivered, ContactOutcome.NoAnswer, ContactOutcome.Voicemail, ContactOutcome.Conversation, ContactOutcome.WrongParty);
        }

        var b = CadencePolicy.CreateBuilder(UsRegulationFId)
            .AddWindow(new ContactWindow(p + "convenient-hours", DayKinds.All, [TimeRange.Of(8, 0, 21, 0)], []) { Source = RegF("12 CFR 1006.6(b)(1)(i)") })
            .AddCap(new FrequencyCap(p + "7-calls-in-7-days", 7, CapPeriod.SlidingDays(7), placedCalls) { Scope = RuleScope.Account, Source = RegF("12 CFR 1006.14(b)(2)(i); (b)(4)") })
            .AddCooldown(new Cooldown(
                p + "7-days-after-conversation",
                AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation),
                [Channel.Call],
                CooldownLength.CalendarDays(7)) { Scope = RuleScope.Account, Source = RegF("12 CFR 1006.14(b)(2)(ii); (b)(4)") })
            .AddHoldRule(new HoldRule(p + "cease-communication", HoldKind.CeaseCommunication) { BlocksAllSteps = true, ExceptSteps = options.CeaseAcknowledgementSteps, Source = RegF("15 U.S.C. 1692c(c)") })
            .RestrictWorkplace(Channel.Email)
            .UseLimitedContentVoicemail();
        if (options.CallsPerPersonIn7Days is { } perPerson)
        {
            b.AddCap(new FrequencyCap(p + "calls-per-person-in-7-days", perPerson, CapPeriod.SlidingDays(7), placedCalls) { Scope = RuleScope.Person, Source = RegF("12 CFR 1006.14(b)(4), comment 14(b)(4)-1", SourceConfidence.Default) });
        }

        if (options.MinimumGapBetweenCalls is { } gap)
        {
            b.AddCooldown(new Cooldown(p + "calls-apart", AttemptFilter.Outbound(Channel.Call), [Channel.Call], CooldownLength.Of(gap)) { Source = RegF("12 CFR 1006.14(b), harassment factors", SourceConfidence.Default) });
        }

        if (options.TextsPerDay is { } texts)
        {
            b.AddCap(new FrequencyCap(p + "texts-per-day", texts, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Sms)) { Source = RegF("12 CFR 1006.14(a)", SourceConfidence.Default) });
        }

        if (options.EmailsPerDay is { } emails)
        {
            b.AddCap(new FrequencyCap(p + "emails-per-day", emails, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Email)) { Source = RegF("12 CFR 1006.14(a)", SourceConfidence.Default) });
        }

        if (options.RequireTextConsent)
        {
            b.RequireConsent(Channel.Sms);
        }

        return b.Build();
    }

    /// <summary>
    /// The Massachusetts overlay on Regulation F (209 CMR 18.16–18.17, 940 CMR 7.04): at most 2 collector-initiated
    /// calls or texts in 7 consecutive days per debt, at most 2 in 30 days to a number that is not the borrower's
    /// residence or cell (a point of kind <see cref="ContactPointKind.Work"/> or <see cref="ContactPointKind.Other"/>;
    /// a point of unstated kind is taken for a residence or cell), and at most 1 home visit in 30. Its rules apply only
    /// to persons living in Massachusetts (region <c>US-MA</c>) and to persons whose regions are not known. Compose it
    /// with <see cref="UsRegulationF"/>.
    /// </summary>
    /// <returns>The pack.</returns>
    public static CadencePolicy UsMassachusetts() => CadencePolicy.CreateBuilder(UsMassachusettsId)
        .AddCap(new FrequencyCap("ma-2-calls-or-texts-in-7-days", 2, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call, Channel.Sms))
        {
            Scope = RuleScope.Account,
            Source = Massachusetts("209 CMR 18.16(1)(d); 940 CMR 7.04(1)(f)"),
        })
        .AddCap(new FrequencyCap("ma-2-calls-or-texts-in-30-days-elsewhere", 2, CapPeriod.SlidingDays(30), AttemptFilter.Outbound(Channel.Call, Channel.Sms))
        {
            Scope = RuleScope.Account,
            ContactPointKinds = [ContactPointKind.Work, ContactPointKind.Other],
            Source = Massachusetts("209 CMR 18.16(1)(d); 940 CMR 7.04(1)(f)"),
        })
        .AddCap(new FrequencyCap("ma-1-visit-in-30-days", 1, CapPeriod.SlidingDays(30), AttemptFilter.Outbound(Channel.Visit))
        {
            Scope = RuleScope.Account,
            Source = Massachusetts("209 CMR 18.17(6)"),
        })
        .Build();

    /// <summary>
    /// Russia, Federal Law 230-FZ article 7: no contact on weekdays 22:00–08:00 or on weekends and public holidays
    /// 20:00–09:00; telephone conversations at most 1 a day, 2 a calendar week, 8 a calendar month; texts and other
    /// messages at most 2 a day, 4 a week, 16 a month; personal meetings at most 1 a week, each counted per person (the
    /// debtor), across all their accounts (the stricter reading: the statute speaks of interaction with the debtor); no interaction during
    /// bankruptcy, incapacity, in-patient treatment, group I disability or minority, nor after a refusal of interaction.
    /// </summary>
    /// <param name="holidays">The Russian public holidays (e.g. a calendar loaded from a file); required.</param>
    /// <param name="options">The figures a lender may tune; <see langword="null"/> for the defaults.</param>
    /// <returns>The pack.</returns>
    /// <exception cref="PolicyValidationException"><paramref name="holidays"/> lists no holiday.</exception>
    public static CadencePolicy Russia230Fz(IHolidayCalendar holidays, Russia230FzOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        options ??= new Russia230FzOptions();
        var calls = AttemptFilter.Outbound(Channel.Call);
        if (!options.CountAllPlacedCalls)
        {
            calls = calls.WithOutcomes(ContactOutcome.Conversation);
        }

        var messages = AttemptFilter.Outbound(Channel.Sms, Channel.Push);
        var meetings = AttemptFilter.Outbound(Channel.Visit);
        var b = CadencePolicy.CreateBuilder(Russia230FzId)
            .RequireHolidays("RU")
            .WithHolidays(holidays)
            .AddWindow(new ContactWindow("230-fz-weekday-hours", DayKinds.Weekday, [TimeRange.Of(8, 0, 22, 0)], []) { Source = Fz("230-FZ art. 7 part 3") })
            .AddWindow(new ContactWindow("230-fz-weekend-and-holiday-hours", DayKinds.Weekend | DayKinds.Holiday, [TimeRange.Of(9, 0, 20, 0)], []) { Source = Fz("230-FZ art. 7 part 3") })
            .AddCap(PerPerson("230-fz-calls-per-day", 1, CapPeriod.CalendarDay, calls))
            .AddCap(PerPerson("230-fz-calls-per-week", 2, CapPeriod.CalendarWeek, calls))
            .AddCap(PerPerson("230-fz-calls-per-month", 8, CapPeriod.CalendarMonth, calls))
            .AddCap(PerPerson("230-fz-messages-per-day", 2, CapPeriod.CalendarDay, messages))
            .AddCap(PerPerson("230-fz-messages-per-week", 4, CapPeriod.CalendarWeek, messages))
            .AddCap(PerPerson("230-fz-messages-per-month", 16, CapPeriod.CalendarMonth, messages))
            .AddCap(PerPerson("230-fz-meetings-per-week", 1, CapPeriod.CalendarWeek, meetings));
        foreach (var kind in (ReadOnlySpan<HoldKind>)[HoldKind.Bankruptcy, RussianHoldKinds.Incapacitated, RussianHoldKinds.InPatientTreatment, RussianHoldKinds.DisabilityGroupOne, RussianHoldKinds.Minor, RussianHoldKinds.RefusalOfInteraction])
        {
            b.AddHoldRule(new HoldRule("230-fz-" + kind.Name, kind)
            {
                BlocksAllSteps = true,
                ExceptSteps = options.StepsAllowedDuringBans,
                Source = kind == RussianHoldKinds.RefusalOfInteraction ? Fz("230-FZ art. 8", SourceConfidence.Unverified) : Fz("230-FZ art. 7 part 2"),
            });
        }

        return b.Build();
    }

    /// <summary>
    /// China (China Banking Association consumer-loan collection guideline, 2026; NIFA online-loan guideline): no
    /// collection 22:00–08:00; at most 6 unanswered call attempts a day to one contact method (per contact point: the
    /// next number may still be called) and at most 3 connected calls a day per debtor (per person, across all their
    /// accounts); Asia/Shanghai as the default zone.
    /// </summary>
    /// <returns>The pack.</returns>
    public static CadencePolicy China() => CadencePolicy.CreateBuilder(ChinaId)
        .WithDefaultZone("Asia/Shanghai")
        .AddWindow(new ContactWindow("cn-no-collection-22-to-08", DayKinds.All, [TimeRange.Of(8, 0, 22, 0)], []) { Source = Cn("CBA consumer-loan collection guideline (2026); NIFA post-lending collection guideline (2025)") })
        .AddCap(new FrequencyCap(
            "cn-6-unanswered-calls-per-day",
            6,
            CapPeriod.CalendarDay,
            AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.NoAnswer, ContactOutcome.Busy, ContactOutcome.Voicemail, ContactOutcome.Failed))
        {
            Scope = RuleScope.ContactPoint,
            Source = Cn("CBA consumer-loan collection guideline (2026)"),
        })
        .AddCap(new FrequencyCap("cn-3-connected-calls-per-day", 3, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.Conversation))
        {
            Scope = RuleScope.Person,
            Source = Cn("NIFA post-lending collection guideline (2025)"),
        })
        .Build();

    /// <summary>
    /// United Kingdom (FCA CONC 7.9, MCOB 13.5): contact only at reasonable hours, 08:00–21:00 by default; the
    /// borrower's stated preferences about how to be contacted are honoured through contact-point opt-outs and holds.
    /// </summary>
    /// <param name="reasonableHours">The reasonable hours; 08:00–21:00 when <see langword="null"/>.</param>
    /// <returns>The pack.</returns>
    public static CadencePolicy UnitedKingdom(TimeRange? reasonableHours = null) => CadencePolicy.CreateBuilder(UnitedKingdomId)
        .AddWindow(new ContactWindow("uk-reasonable-hours", DayKinds.All, [reasonableHours ?? TimeRange.Of(8, 0, 21, 0)], [])
        {
            Source = new RuleSource(UnitedKingdomId, "FCA CONC 7.9.4R; MCOB 13.5.4G", reasonableHours is null ? SourceConfidence.Verified : SourceConfidence.Default),
        })
        .Build();

    private static RuleSource RegF(string citation, SourceConfidence confidence = SourceConfidence.Verified) => new(UsRegulationFId, citation, confidence);

    private static RuleSource Massachusetts(string citation) => new(UsMassachusettsId, citation, SourceConfidence.Verified) { Regions = ["US-MA"] };

    private static RuleSource Fz(string citation, SourceConfidence confidence = SourceConfidence.Verified) => new(Russia230FzId, citation, confidence);

    private static RuleSource Cn(string citation) => new(ChinaId, citation, SourceConfidence.Verified);

    private static FrequencyCap PerPerson(string name, int limit, CapPeriod period, AttemptFilter counts)
        => new(name, limit, period, counts) { Scope = RuleScope.Person, Source = Fz("230-FZ art. 7 part 3") };
}
