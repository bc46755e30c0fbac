using NodaTime;

namespace Cadence.Testing.Tests.Support;

/// <summary>Hand-written lender policies, some deliberately broken.</summary>
internal static class LenderPolicies
{
    public const string NewYork = "America/New_York";

    /// <summary>Calls and texts from 07:00 to 23:00: an hour earlier and two later than Regulation F allows.</summary>
    public static CadencePolicy LateNight { get; } = CadencePolicy.CreateBuilder("late-night-lender")
        .WithDefaultZone(NewYork)
        .AddStep(CadenceStep.Contact("sms-overdue", Channel.Sms, "overdue-sms", 1, 29) with { Priority = 30, RepeatInterval = Duration.FromHours(72) })
        .AddStep(CadenceStep.Contact("call-overdue", Channel.Call, "overdue-call", 3, 59) with { Priority = 40, RepeatInterval = Duration.FromHours(24) })
        .AddWindow("lender-hours", DayKinds.All, TimeRange.Of(7, 0, 23, 0))
        .AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true })
        .RequireConsent(Channel.Sms)
        .Build();

    /// <summary>
    /// Calls every four hours within Regulation F's hours, with its conversation cooldown and minimum gap between
    /// calls, but without its cap of 7 calls in 7 days.
    /// </summary>
    public static CadencePolicy NoSevenInSeven { get; } = CadencePolicy.CreateBuilder("no-7-in-7-lender")
        .WithDefaultZone(NewYork)
        .AddStep(CadenceStep.Contact("call-overdue", Channel.Call, "overdue-call", 1, 59) with { RepeatInterval = Duration.FromHours(4) })
        .AddWindow("lender-hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
        .AddCooldown("after-conversation", AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation), CooldownLength.CalendarDays(7), Channel.Call)
        .AddMinimumGap("calls-apart", Duration.FromMinutes(5), Channel.Call)
        .AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true })
        .Build();

    /// <summary>The call steps of <paramref name="policy"/> alone, without any window: what a night shift would run.</summary>
    public static CadencePolicy CallsAtAnyHour(CadencePolicy policy)
    {
        var b = CadencePolicy.CreateBuilder(policy.Name + "-night-shift").WithDefaultZone(policy.DefaultZone?.Id ?? NewYork);
        foreach (var step in policy.Steps.Where(s => s.Channel == Channel.Call))
        {
            b.AddStep(step);
        }

        return b.Build();
    }
}
