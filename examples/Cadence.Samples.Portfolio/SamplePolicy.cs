using NodaTime;

namespace Cadence.Samples.Portfolio;

/// <summary>
/// The policy the sample evaluates, built in code as a lender would: the lender's own cadence, composed with a
/// jurisdiction pack that carries the legal limits. When both say something about the same thing, the strictest wins
/// (windows intersect; caps, cooldowns and blocks add up).
/// </summary>
internal static class SamplePolicy
{
    /// <summary>The name of the lender's default zone, used for accounts that give no time zone.</summary>
    public const string DefaultZone = "America/New_York";

    /// <summary>The lender cadence constrained by the US Regulation F-like pack.</summary>
    /// <returns>The composed, validated policy.</returns>
    public static CadencePolicy Create()
        => CadencePolicy.Compose("acme-lending+us-reg-f", LenderCadence(), RegulationFLike());

    /// <summary>
    /// The lender's cadence: what to send when, relative to the due date (D-7 is a week before it, D+30 a month
    /// after), plus the lender's own hours, exhaustion rule, consent and workplace rules, and what each hold blocks.
    /// </summary>
    /// <returns>The lender's policy.</returns>
    public static CadencePolicy LenderCadence() => CadencePolicy.CreateBuilder("acme-lending")
        .WithDefaultZone(DefaultZone)

        // Before the due date: a reminder e-mail, then a text and a call (or, for autopay, a "fund your account" text).
        .AddStep(CadenceStep.Contact("email-pre-due", Channel.Email, "pre-due-reminder", -7, -3) with { Priority = 10 })
        .AddStep(CadenceStep.Contact("sms-pre-due", Channel.Sms, "pre-due-sms", -2, -1) with { Priority = 20, Conditions = [StepCondition.Autopay(false)] })
        .AddStep(CadenceStep.Contact("call-pre-due", Channel.Call, "pre-due-call", -2, -2) with { Priority = 15, Conditions = [StepCondition.Autopay(false)] })
        .AddStep(CadenceStep.Contact("autopay-reminder", Channel.Sms, "fund-your-account", -1, -1) with { Priority = 25, Conditions = [StepCondition.Autopay(true)] })

        // Overdue: texts every 3 days, daily calls, one letter, an offer to restructure, a referral to debt advice.
        .AddStep(CadenceStep.Contact("sms-overdue", Channel.Sms, "overdue-sms", 1, 29) with { Priority = 30, RepeatInterval = Duration.FromDays(3) })
        .AddStep(CadenceStep.Contact("call-overdue", Channel.Call, "overdue-call", 3, 59) with { Priority = 40, RepeatInterval = Duration.FromDays(1) })
        // One overdue letter serves every account of the person whose letter is due: the step bundles.
        .AddStep(CadenceStep.Contact("letter-overdue", Channel.Letter, "overdue-letter", 7, 14) with { Priority = 60, Bundle = true })
        .AddStep(CadenceStep.Contact("offer-restructuring", Channel.Email, "restructuring-offer", 15, 29) with { Priority = 55, Conditions = [StepCondition.AmountAtLeast(100m)] })
        .AddStep(CadenceStep.Contact("debt-advice-referral", Channel.Letter, "debt-advice", 30, 45) with { Priority = 50 })

        // Escalations are not contacts: they are proposed at once, whatever the hour.
        .AddStep(CadenceStep.Escalation("bureau-notice", "credit-bureau-notice", 60, 89) with { Priority = 70 })
        .AddStep(CadenceStep.Escalation("agency-placement", "agency-placement", 90, 365) with { Priority = 80 })

        // The lender's own hours: shorter on Sundays. They intersect with the pack's hours.
        .AddWindow("lender-hours", DayKinds.Weekday | DayKinds.Saturday, TimeRange.Of(8, 0, 21, 0))
        .AddWindow("lender-sunday-hours", DayKinds.Sunday, TimeRange.Of(12, 0, 18, 0))

        // The lender's own limit for a person with several debts: at most two calls a day, whatever they are about.
        .AddCap(new FrequencyCap("lender-2-calls-a-day-per-person", 2, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Person })

        // Three failed attempts in a row close a contact point until its number or address is updated.
        .AddExhaustion("three-failures", 3)

        // Texts need the borrower's prior consent; e-mails and texts never go to a workplace address or number.
        .RequireConsent(Channel.Sms)
        .RestrictWorkplace(Channel.Email, Channel.Sms)

        // What each hold blocks while it is in effect.
        .AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true })
        .AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlockedChannels = [Channel.Call, Channel.Sms, Channel.Email] })
        .AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedSteps = ["sms-overdue", "call-overdue"], GraceDaysAfterPromisedDate = 2 })
        .AddHoldRule(new HoldRule("bankruptcy", HoldKind.Bankruptcy) { BlocksAllSteps = true })
        .Build();

    /// <summary>
    /// A pack with US Regulation F-like figures: contact only between 08:00 and 21:00 local time in every zone of the
    /// borrower; at most 7 placed calls in 7 consecutive days about a debt; no call about a debt for 7 days after a
    /// telephone conversation about it (the day of the conversation being day 1); no e-mail to a workplace address; a
    /// cease request stops everything.
    /// </summary>
    /// <returns>The pack.</returns>
    public static CadencePolicy RegulationFLike() => CadencePolicy.CreateBuilder("us-reg-f")
        .AddWindow("reg-f-hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
        // The law counts calls and conversations per debt: a call about two debts counts for each.
        .AddCap(new FrequencyCap("reg-f-7-calls-in-7-days", 7, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Account })
        .AddCooldown(new Cooldown(
            "reg-f-7-days-after-conversation",
            AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation),
            [Channel.Call],
            CooldownLength.CalendarDays(7)) { Scope = RuleScope.Account })
        .RestrictWorkplace(Channel.Email)
        .AddHoldRule(new HoldRule("reg-f-cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true })
        .Build();
}
