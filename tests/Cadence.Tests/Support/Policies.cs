using NodaTime;

namespace Cadence.Tests.Support;

/// <summary>Policies the tests share: the seed cadence and regulation-like packs built from the legal figures.</summary>
internal static class Policies
{
    public static CadencePolicy SeedCadence(Action<CadencePolicyBuilder>? extra = null)
    {
        var b = CadencePolicy.CreateBuilder("seed-cadence")
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
            .AddHoldRule(new HoldRule("bankruptcy", HoldKind.Bankruptcy) { BlocksAllSteps = true });
        extra?.Invoke(b);
        return b.Build();
    }

    /// <summary>US Regulation F figures: 08:00–21:00 in every zone; 7 placed calls in 7 days; 7 days after a conversation.</summary>
    public static CadencePolicy RegulationFLike() => CadencePolicy.CreateBuilder("reg-f-like")
        .AddWindow("reg-f-hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
        .AddCap("reg-f-7-calls-in-7-days", 7, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call))
        .AddCooldown("reg-f-7-days-after-conversation", AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation), CooldownLength.CalendarDays(7), Channel.Call)
        .AddHoldRule(new HoldRule("reg-f-cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true })
        .Build();

    /// <summary>Russian 230-FZ figures: weekdays 08–22, weekends and holidays 09–20; calls 1/2/8, messages 2/4/16.</summary>
    public static CadencePolicy FederalLaw230Like(HolidayCalendar? holidays = null) => CadencePolicy.CreateBuilder("230-fz-like")
        .AddWindow("230-fz-weekdays", DayKinds.Weekday, TimeRange.Of(8, 0, 22, 0))
        .AddWindow("230-fz-weekends-holidays", DayKinds.Weekend | DayKinds.Holiday, TimeRange.Of(9, 0, 20, 0))
        .AddCap("230-fz-calls-day", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.Conversation))
        .AddCap("230-fz-calls-week", 2, CapPeriod.CalendarWeek, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.Conversation))
        .AddCap("230-fz-calls-month", 8, CapPeriod.CalendarMonth, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.Conversation))
        .AddCap("230-fz-messages-day", 2, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Sms))
        .AddCap("230-fz-messages-week", 4, CapPeriod.CalendarWeek, AttemptFilter.Outbound(Channel.Sms))
        .AddCap("230-fz-messages-month", 16, CapPeriod.CalendarMonth, AttemptFilter.Outbound(Channel.Sms))
        .AddCap("230-fz-meetings-week", 1, CapPeriod.CalendarWeek, AttemptFilter.Outbound(Channel.Visit))
        .AddHoldRule(new HoldRule("230-fz-bankruptcy", HoldKind.Bankruptcy) { BlocksAllSteps = true })
        .WithHolidays(holidays ?? HolidayCalendar.Empty)
        .Build();

    /// <summary>A one-step policy for focused tests.</summary>
    public static CadencePolicy Single(CadenceStep step, Action<CadencePolicyBuilder>? configure = null)
    {
        var b = CadencePolicy.CreateBuilder("single").WithDefaultZone("UTC").AddStep(step);
        configure?.Invoke(b);
        return b.Build();
    }
}
