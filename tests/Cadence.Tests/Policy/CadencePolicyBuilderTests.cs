using Cadence.Tests.Support;
using NodaTime;

namespace Cadence.Tests.Policy;

public sealed class CadencePolicyBuilderTests
{
    [Fact]
    public void Build_ManyProblems_ReportsEveryOneWithItsPath()
    {
        var builder = CadencePolicy.CreateBuilder("broken")
            .WithDefaultZone("Atlantis/Capital")
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 12, 5))
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 1, 2))
            .AddStep(CadenceStep.Contact("call", Channel.None, "", 1, 2) with { MaxAttempts = 0 })
            .AddCap("zero", 0, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call))
            .AddCap("negative-rolling", 1, CapPeriod.Rolling(Duration.FromHours(-1)), AttemptFilter.Outbound(Channel.Call))
            .AddWindow("backwards", DayKinds.All, new TimeRange(new LocalTime(21, 0), new LocalTime(8, 0)))
            .AddHoldRule(new HoldRule("nothing", HoldKind.Dispute))
            .AddHoldRule(new HoldRule("ghost", HoldKind.Dispute) { BlockedSteps = ["no-such-step"] })
            .WithHorizon(Duration.Zero);

        var ex = Assert.Throws<PolicyValidationException>(builder.Build);

        Assert.Equal("broken", ex.PolicyName);
        Assert.Equal(
            [
                "steps[0] ('sms').window: window.from (12) is after window.to (5)",
                "steps[1].id: step id 'sms' is used by an earlier step",
                "steps[2] ('call').channel: a contact step needs a channel other than None",
                "steps[2] ('call').template: the step has no template",
                "steps[2] ('call').maxAttempts: maxAttempts (0) must be at least 1",
                "windows[0] ('backwards').ranges[0]: range 21:00–08:00 ends before it starts (use 24:00 for the end of the day)",
                "caps[0] ('zero').limit: a cap of 0 would forbid every contact; remove the channel instead",
                "caps[1] ('negative-rolling').period: a rolling period (-0:01:00:00) must be positive",
                "holds[0] ('nothing'): the hold rule blocks nothing",
                "holds[1] ('ghost').blockedSteps: names step 'no-such-step', which the policy does not have",
                "defaultZone: 'Atlantis/Capital' is not a time zone id known to " + DateTimeZoneProviders.Tzdb.VersionId,
                "horizon: the horizon (0:00:00:00) must be positive",
                "windows: the windows are never open for channel Sms: every step on it would be dropped",
            ],
            ex.Errors.Select(e => e.ToString()));
        Assert.StartsWith("Policy 'broken' is invalid (13 problems):", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WindowsThatNeverOpenForAStepChannel_IsRejected()
    {
        var builder = CadencePolicy.CreateBuilder("closed")
            .AddStep(CadenceStep.Contact("call", Channel.Call, "t", 1, 2))
            .AddWindow("mornings", [Channel.Call], DayKinds.All, TimeRange.Of(8, 0, 12, 0))
            .AddWindow("evenings", [Channel.Call], DayKinds.All, TimeRange.Of(18, 0, 21, 0));

        var ex = Assert.Throws<PolicyValidationException>(builder.Build);

        Assert.Equal("windows: the windows are never open for channel Call: every step on it would be dropped", ex.Errors.Single().ToString());
    }

    [Fact]
    public void Build_WindowsThatCoverOnlySomeDays_IsRejectedRatherThanLeftOpenOnTheOthers()
    {
        var builder = CadencePolicy.CreateBuilder("weekdays-only")
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 1, 2))
            .AddWindow("weekday-hours", DayKinds.Weekday, TimeRange.Of(8, 0, 21, 0));

        var ex = Assert.Throws<PolicyValidationException>(builder.Build);

        Assert.Equal("windows: the windows for channel Sms say nothing about Saturday, Sunday: add a window for those days (one with no ranges closes them)", ex.Errors.Single().ToString());
    }

    [Fact]
    public void Build_WeekendsClosedExplicitly_IsAccepted()
    {
        var policy = CadencePolicy.CreateBuilder("weekdays-only")
            .WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 1, 10))
            .AddWindow("weekday-hours", DayKinds.Weekday, TimeRange.Of(8, 0, 21, 0))
            .AddWindow("weekends-closed", DayKinds.Weekend)
            .Build();

        var saturday = new CadenceEngine(policy).Evaluate(Accounts.Borrower("A", new LocalDate(2026, 6, 10), "UTC"), Accounts.At("2026-06-13T10:00:00Z"));

        Assert.Equal(Accounts.At("2026-06-15T08:00:00Z"), saturday.NotBefore);
    }

    [Fact]
    public void Build_TwoRulesWithTheSameName_IsRejected()
    {
        var builder = CadencePolicy.CreateBuilder("names")
            .AddCap("daily", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Sms))
            .AddCap("daily", 2, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call));

        var ex = Assert.Throws<PolicyValidationException>(builder.Build);

        Assert.Equal("caps[1] ('daily').name: the name 'daily' is used by an earlier rule in caps", ex.Errors.Single().ToString());
    }

    [Fact]
    public void Build_WindowWithDefaultRanges_ClosesItsDaysInsteadOfFailing()
    {
        var window = new ContactWindow("closed", DayKinds.Weekend, default, default);

        Assert.Empty(window.Ranges);
        Assert.Empty(window.Channels);
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = CadencePolicy.CreateBuilder("once").AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 1, 2));
        builder.Build();

        Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Throws<InvalidOperationException>(() => builder.AddStep(CadenceStep.Contact("x", Channel.Sms, "t", 1, 2)));
    }

    [Fact]
    public void Build_CopiesItsCollections_SoThePolicyNeverChanges()
    {
        var steps = new List<CadenceStep> { CadenceStep.Contact("sms", Channel.Sms, "t", 1, 2) };
        var builder = CadencePolicy.CreateBuilder("copy");
        steps.ForEach(s => builder.AddStep(s));

        var policy = builder.Build();
        steps.Add(CadenceStep.Contact("late", Channel.Sms, "t", 1, 2));

        Assert.Single(policy.Steps);
    }

    [Fact]
    public void Compose_LenderAndPacks_KeepsEveryRuleAndTheLendersHorizon()
    {
        var seed = Policies.SeedCadence();
        var lender = CadencePolicy.CreateBuilder("lender").Include(seed).WithDefaultZone(seed.DefaultZone!.Id).WithHorizon(Duration.FromDays(60)).Build();
        var pack = Policies.RegulationFLike();

        var composed = CadencePolicy.Compose("lender+reg-f", lender, pack);

        Assert.Equal(lender.Steps.Length, composed.Steps.Length);
        Assert.Equal(lender.Windows.Length + pack.Windows.Length, composed.Windows.Length);
        Assert.Equal(pack.Caps.Length, composed.Caps.Length);
        Assert.Equal(lender.HoldRules.Length + pack.HoldRules.Length, composed.HoldRules.Length);
        Assert.Equal(lender.DefaultZone, composed.DefaultZone);
        Assert.Equal(Duration.FromDays(60), composed.Horizon);
    }

    [Fact]
    public void Compose_TwoPoliciesWithTheSameStepId_IsRejected()
    {
        var ex = Assert.Throws<PolicyValidationException>(() => CadencePolicy.Compose("twice", Policies.SeedCadence(), Policies.SeedCadence()));

        Assert.Contains(ex.Errors, e => e.Message == "step id 'email-pre-due' is used by an earlier step");
    }

    [Fact]
    public void Compose_Windows_IntersectSoTheStrictestHoursWin()
    {
        var lender = CadencePolicy.CreateBuilder("lender").WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 0, 10))
            .AddWindow("lender", DayKinds.All, TimeRange.Of(7, 0, 20, 0)).Build();
        var pack = CadencePolicy.CreateBuilder("pack").AddWindow("law", DayKinds.All, TimeRange.Of(8, 0, 21, 0)).Build();
        var engine = new CadenceEngine(CadencePolicy.Compose("both", lender, pack));
        var account = Accounts.Borrower("A", new LocalDate(2026, 6, 1), "UTC");

        var early = engine.Evaluate(account, Accounts.At("2026-06-02T07:30:00Z"));
        var late = engine.Evaluate(account, Accounts.At("2026-06-02T20:30:00Z"));

        Assert.Equal(Accounts.At("2026-06-02T08:00:00Z"), early.NotBefore);
        Assert.Equal(Accounts.At("2026-06-03T08:00:00Z"), late.NotBefore);
    }

    [Fact]
    public void Build_UnknownInAListOfOutcomes_IsRefusedAtEachPlace_ForEveryListMatchesItAlready()
    {
        var builder = CadencePolicy.CreateBuilder("unknowns")
            .AddCap("conversations", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.Conversation, ContactOutcome.Unknown))
            .AddCooldown("after-unknown", AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Unknown), CooldownLength.CalendarDays(1), Channel.Call)
            .AddExhaustion(new ExhaustionRule("failures", 3, [Channel.Call], [ContactOutcome.Failed, ContactOutcome.Unknown]));

        var ex = Assert.Throws<PolicyValidationException>(builder.Build);

        Assert.Equal(
            [
                "caps[0] ('conversations').counts.outcomes[1]: unknown is not listed: every list of outcomes matches an attempt whose outcome is unknown",
                "cooldowns[0] ('after-unknown').trigger.outcomes[0]: unknown is not listed: every list of outcomes matches an attempt whose outcome is unknown",
                "exhaustion[0] ('failures').failureOutcomes[1]: unknown is not listed: an attempt whose outcome is unknown always counts as a failure",
            ],
            ex.Errors.Select(e => e.ToString()));
    }
}
