using NodaTime;

namespace Cadence.Benchmarks;

/// <summary>
/// The reference policy of benchmarks.md: a lender cadence of a dozen steps with a jurisdiction pack. As in the built-in
/// packs, Regulation F counts its calls and conversations per account (debt) and 230-FZ per person (the default scope).
/// </summary>
public static class ReferencePolicies
{
    public const string RegulationF = "reg-f";
    public const string FederalLaw230 = "230-fz";

    public static CadencePolicy Lender() => CadencePolicy.CreateBuilder("lender")
        .WithDefaultZone("America/New_York")
        .AddStep(CadenceStep.Contact("email-pre-due", Channel.Email, "pre-due-reminder", -7, -3) with { Priority = 10 })
        .AddStep(CadenceStep.Contact("sms-pre-due", Channel.Sms, "pre-due-sms", -2, -1) with { Priority = 20, Conditions = [StepCondition.Autopay(false)] })
        .AddStep(CadenceStep.Contact("call-pre-due", Channel.Call, "pre-due-call", -2, -2) with { Priority = 15, Conditions = [StepCondition.Autopay(false)] })
        .AddStep(CadenceStep.Contact("autopay-reminder", Channel.Sms, "fund-your-account", -1, -1) with { Priority = 25, Conditions = [StepCondition.Autopay(true)] })
        .AddStep(CadenceStep.Contact("sms-overdue", Channel.Sms, "overdue-sms", 1, 29) with { Priority = 30, RepeatInterval = Duration.FromDays(3) })
        .AddStep(CadenceStep.Contact("call-overdue", Channel.Call, "overdue-call", 3, 59) with { Priority = 40, RepeatInterval = Duration.FromDays(1) })
        .AddStep(CadenceStep.Contact("letter-overdue", Channel.Letter, "overdue-letter", 7, 14) with { Priority = 60 })
        .AddStep(CadenceStep.Contact("offer-restructuring", Channel.Email, "restructuring-offer", 15, 29) with { Priority = 55, Conditions = [StepCondition.AmountAtLeast(100m)] })
        .AddStep(CadenceStep.Contact("debt-advice-referral", Channel.Letter, "debt-advice", 30, 45) with { Priority = 50 })
        .AddStep(CadenceStep.Escalation("bureau-notice", "credit-bureau-notice", 60, 89) with { Priority = 70 })
        .AddStep(CadenceStep.Escalation("agency-placement", "agency-placement", 90, 365) with { Priority = 80 })
        .AddWindow("lender-hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
        .AddExhaustion("three-failures", 3)
        .RestrictWorkplace(Channel.Email, Channel.Sms)
        .AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true })
        .AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlockedChannels = [Channel.Call, Channel.Sms, Channel.Email] })
        .AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedSteps = ["sms-overdue", "call-overdue"], GraceDaysAfterPromisedDate = 2 })
        .AddHoldRule(new HoldRule("bankruptcy", HoldKind.Bankruptcy) { BlocksAllSteps = true })
        .Build();

    public static CadencePolicy RegulationFPack() => CadencePolicy.CreateBuilder("reg-f")
        .AddWindow("reg-f-hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
        .AddCap(new FrequencyCap("reg-f-7-calls-in-7-days", 7, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Account })
        .AddCooldown(new Cooldown("reg-f-7-days-after-conversation", AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation), [Channel.Call], CooldownLength.CalendarDays(7)) { Scope = RuleScope.Account })
        .Build();

    public static CadencePolicy FederalLaw230Pack() => CadencePolicy.CreateBuilder("230-fz")
        .AddWindow("230-fz-weekdays", DayKinds.Weekday, TimeRange.Of(8, 0, 22, 0))
        .AddWindow("230-fz-weekends", DayKinds.Weekend | DayKinds.Holiday, TimeRange.Of(9, 0, 20, 0))
        .AddCap("230-fz-calls-day", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.Conversation))
        .AddCap("230-fz-calls-week", 2, CapPeriod.CalendarWeek, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.Conversation))
        .AddCap("230-fz-calls-month", 8, CapPeriod.CalendarMonth, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.Conversation))
        .AddCap("230-fz-messages-day", 2, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Sms))
        .AddCap("230-fz-messages-week", 4, CapPeriod.CalendarWeek, AttemptFilter.Outbound(Channel.Sms))
        .AddCap("230-fz-messages-month", 16, CapPeriod.CalendarMonth, AttemptFilter.Outbound(Channel.Sms))
        .Build();

    public static CadencePolicy For(string pack) => CadencePolicy.Compose(
        "lender+" + pack,
        Lender(),
        pack == RegulationF ? RegulationFPack() : FederalLaw230Pack());
}
