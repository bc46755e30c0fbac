using NodaTime;

namespace Cadence.Testing.Tests.Support;

/// <summary>
/// A lender calling and texting persons of several accounts, each variant adding one rule at one scope: what the
/// properties over persons are proved on, and what deliberately broken engines are caught breaking.
/// </summary>
internal static class ScopedPolicies
{
    public static CadencePolicy PersonCap { get; } = With("person-cap", b => b.AddCap(new FrequencyCap("three-calls-a-week-per-person", 3, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Person }));

    public static CadencePolicy AccountCap { get; } = With("account-cap", b => b.AddCap(new FrequencyCap("two-calls-a-week-per-debt", 2, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call)) { Scope = RuleScope.Account }));

    public static CadencePolicy ContactPointCap { get; } = With("point-cap", b => b.AddCap(new FrequencyCap("one-text-a-day-per-number", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Sms)) { Scope = RuleScope.ContactPoint }));

    public static CadencePolicy PersonCooldown { get; } = With("person-cooldown", b => b.AddCooldown(CallsApart("calls-apart-per-person", RuleScope.Person)));

    public static CadencePolicy AccountCooldown { get; } = With("account-cooldown", b => b.AddCooldown(CallsApart("calls-apart-per-debt", RuleScope.Account)));

    public static CadencePolicy ContactPointCooldown { get; } = With("point-cooldown", b => b.AddCooldown(CallsApart("calls-apart-per-number", RuleScope.ContactPoint)));

    /// <summary>Calls (priority) and texts, every hour within 08:00–21:00 New York time; disputes and cease requests block everything; three failures close a point.</summary>
    private static CadencePolicy With(string name, Action<CadencePolicyBuilder> rule)
    {
        var b = CadencePolicy.CreateBuilder(name)
            .WithDefaultZone(LenderPolicies.NewYork)
            .AddStep(CadenceStep.Contact("call", Channel.Call, "call", 1, 60) with { Priority = 40, RepeatInterval = Duration.FromHours(1) })
            .AddStep(CadenceStep.Contact("text", Channel.Sms, "text", 1, 60) with { Priority = 30, RepeatInterval = Duration.FromHours(1) })
            .AddWindow("lender-hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
            .AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true })
            .AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true })
            .AddExhaustion("three-failures", 3);
        rule(b);
        return b.Build();
    }

    private static Cooldown CallsApart(string name, RuleScope scope)
        => new(name, AttemptFilter.Outbound(Channel.Call), [Channel.Call], CooldownLength.Of(Duration.FromHours(36))) { Scope = scope };
}
