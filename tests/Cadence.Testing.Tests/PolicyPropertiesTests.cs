using Cadence.Jurisdictions;
using Cadence.Testing.Tests.Support;
using FsCheck.Fluent;
using NodaTime;

namespace Cadence.Testing.Tests;

public sealed class PolicyPropertiesTests
{
    private const int Cases = 200;

    private static PolicyProperties Acme => PolicyProperties.For(SamplePolicies.AcmeUs);

    private static PolicyProperties Ru => PolicyProperties.For(SamplePolicies.RuLender);

    [Fact]
    public void NeverOutsideAWindow_HoldsForTheSampleUsPolicy() => Run.Passes(Acme.NeverOutsideAWindow(), Cases);

    [Fact]
    public void NeverBreaksACapOrCooldown_HoldsForTheSampleUsPolicy() => Run.Passes(Acme.NeverBreaksACapOrCooldown(), Cases);

    [Fact]
    public void NeverUsesABlockedChannel_HoldsForTheSampleUsPolicy() => Run.Passes(Acme.NeverUsesABlockedChannel(), Cases);

    [Fact]
    public void IsDeterministic_HoldsForTheSampleUsPolicy() => Run.Passes(Acme.IsDeterministic(), 50);

    [Fact]
    public void AnswersEveryAccount_HoldsForTheSampleUsPolicy() => Run.Passes(Acme.AnswersEveryAccount(), 50);

    [Fact]
    public void NeverViolatesInAClosedLoop_HoldsForTheSampleUsPolicy() => Run.Passes(Acme.NeverViolatesInAClosedLoop(), Cases);

    [Fact]
    public void NeverOutsideAWindow_HoldsForTheSampleRussianPolicy() => Run.Passes(Ru.NeverOutsideAWindow(), Cases);

    [Fact]
    public void NeverBreaksACapOrCooldown_HoldsForTheSampleRussianPolicy() => Run.Passes(Ru.NeverBreaksACapOrCooldown(), Cases);

    [Fact]
    public void NeverUsesABlockedChannel_HoldsForTheSampleRussianPolicy() => Run.Passes(Ru.NeverUsesABlockedChannel(), Cases);

    [Fact]
    public void IsDeterministic_HoldsForTheSampleRussianPolicy() => Run.Passes(Ru.IsDeterministic(), 50);

    [Fact]
    public void AnswersEveryAccount_HoldsForTheSampleRussianPolicy() => Run.Passes(Ru.AnswersEveryAccount(), 50);

    [Fact]
    public void NeverViolatesInAClosedLoop_HoldsForTheSampleRussianPolicy() => Run.Passes(Ru.NeverViolatesInAClosedLoop(), Cases);

    [Fact]
    public void All_HoldsForTheSampleUsPolicyCheckedWithRegulationF()
        => Run.Passes(Acme.AlsoComplyingWith(JurisdictionPacks.UsRegulationF()).All(), 50);

    [Fact]
    public void NeverOutsideAWindow_LenderCallingFrom7To23CheckedWithRegulationF_FailsWithTheAccountTheDecisionAndTheRule()
    {
        var message = Run.Fails(PolicyProperties.For(LenderPolicies.LateNight).AlsoComplyingWith(JurisdictionPacks.UsRegulationF()).NeverOutsideAWindow());

        Assert.Contains("NeverOutsideAWindow does not hold for policy 'late-night-lender' checked with [us-regulation-f]", message, StringComparison.Ordinal);
        Assert.Contains("Shrunk:", message, StringComparison.Ordinal);
        Assert.Contains("policy 'late-night-lender'", message, StringComparison.Ordinal);
        Assert.Contains("window lender-hours: All 07:00–23:00", message, StringComparison.Ordinal);
        Assert.Contains("account acct: zones [", message, StringComparison.Ordinal);
        Assert.Contains("contact point ", message, StringComparison.Ordinal);
        Assert.Matches(@"decision acct: Contact (sms|call)-overdue via (Sms|Call)", message);
        Assert.Contains("explanation:", message, StringComparison.Ordinal);
        Assert.Contains("[us-regulation-f] acct at ", message, StringComparison.Ordinal);
        Assert.Contains("Window reg-f-convenient-hours", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverBreaksACapOrCooldown_LenderWithoutASevenInSevenCapCheckedWithRegulationF_FailsOnTheCap()
    {
        var message = Run.Fails(PolicyProperties.For(LenderPolicies.NoSevenInSeven).AlsoComplyingWith(JurisdictionPacks.UsRegulationF()).NeverBreaksACapOrCooldown(), 500);

        Assert.Contains("NeverBreaksACapOrCooldown does not hold for policy 'no-7-in-7-lender'", message, StringComparison.Ordinal);
        Assert.Contains("Cap reg-f-7-calls-in-7-days", message, StringComparison.Ordinal);
        Assert.Contains("decision acct: Contact call-overdue via Call", message, StringComparison.Ordinal);
        Assert.Matches(@"history \S+Z \(.*\) Call Outbound", message);
    }

    [Fact]
    public void NeverViolatesInAClosedLoop_LenderCallingFrom7To23CheckedWithRegulationF_FailsWithTheRoundsAndTheRule()
    {
        var message = Run.Fails(PolicyProperties.For(LenderPolicies.LateNight).AlsoComplyingWith(JurisdictionPacks.UsRegulationF()).NeverViolatesInAClosedLoop());

        Assert.Contains("round 0 at ", message, StringComparison.Ordinal);
        Assert.Matches(@"- round \d+: \[us-regulation-f\] acct at \S+Z: ((Window|Cap|Cooldown|Hold) reg-f-|ContactPoint contact-point:)", message);
        Assert.Contains("account acct: zones [", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverOutsideAWindow_ARuleLayerThatMovesCallsTo2230_FailsWithTheDecisionAt2230()
    {
        var message = Run.Fails(Acme.WithEngine(new CallAfterWorkEngine(SamplePolicies.AcmeUs)).NeverOutsideAWindow(), 500);

        Assert.Contains("NeverOutsideAWindow does not hold for policy 'acme-lending-us'", message, StringComparison.Ordinal);
        Assert.Matches(@"not before \S+Z \(\d{4}-\d\d-\d\d 22:30 ", message);
        Assert.Matches("Window (lender-(sunday-)?hours|reg-f-convenient-hours)", message);
        Assert.Contains("autopay off", message, StringComparison.Ordinal);
        Assert.Contains("contact point Call", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverOutsideAWindow_AnNRulesRuleProposingACallAtNight_HoldsBecauseTheEngineKeepsTheWindows()
    {
        var policy = CadencePolicy.CreateBuilder("acme-with-night-calls")
            .WithDefaultZone(LenderPolicies.NewYork)
            .WithHorizon(SamplePolicies.AcmeUs.Horizon)
            .Include(SamplePolicies.AcmeUs)
            .AddCustomRule(new CallAtNightRule())
            .Build();

        Run.Passes(PolicyProperties.For(policy).NeverOutsideAWindow(), Cases);
        Run.Passes(PolicyProperties.For(policy).NeverUsesABlockedChannel(), Cases);
    }

    [Fact]
    public void IsDeterministic_AnEngineThatReadsOnlyTheFirstHistoryEntry_FailsNamingTheOrder()
    {
        var message = Run.Fails(Acme.WithEngine(new FirstAttemptOnlyEngine(SamplePolicies.AcmeUs)).IsDeterministic());

        Assert.Contains("IsDeterministic does not hold for policy 'acme-lending-us'", message, StringComparison.Ordinal);
        Assert.Matches("got a different decision with its history (reversed|rotated)", message);
    }

    [Fact]
    public void AnswersEveryAccount_AnEngineWhoseBatchesDropErrors_Fails()
    {
        var message = Run.Fails(Acme.WithEngine(new ErrorDroppingEngine(SamplePolicies.AcmeUs)).AnswersEveryAccount());

        Assert.Contains("AnswersEveryAccount does not hold for policy 'acme-lending-us'", message, StringComparison.Ordinal);
        Assert.Matches(@"a batch of \d+ accounts got \d+ decisions", message);
    }

    [Fact]
    public void NeverContactsWhenNothingIsOwed_HoldsForTheSamplePolicy()
        => Run.Passes(Acme.NeverContactsWhenNothingIsOwed(), Cases);

    [Fact]
    public void NeverContactsWhenNothingIsOwed_AnEngineThatIgnoresTheAmount_Fails()
    {
        var message = Run.Fails(Acme.WithEngine(new AmountIgnoringEngine(SamplePolicies.AcmeUs)).NeverContactsWhenNothingIsOwed());

        Assert.Contains("NeverContactsWhenNothingIsOwed does not hold for policy 'acme-lending-us'", message, StringComparison.Ordinal);
        Assert.Matches(@"with an amount due of (0|-10) the account got .*(Contact|Escalate|Wait|Suppressed)", message);
    }

    [Fact]
    public void WithAccounts_ChecksTheGivenAccounts_AndShowsThemWhenTheyFail()
    {
        var properties = PolicyProperties.For(LenderPolicies.LateNight)
            .AlsoComplyingWith(JurisdictionPacks.UsRegulationF())
            .WithAccounts(now => Gen.Constant(new BorrowerState("night-owl")
            {
                TimeZoneIds = [LenderPolicies.NewYork],
                DueDate = now.InZone(DateTimeZoneProviders.Tzdb[LenderPolicies.NewYork]).Date.PlusDays(-10),
                AmountDue = new Money(250m, "USD"),
                ContactPoints = [new ContactPoint(Channel.Call)],
            }))
            .WithInstants(Gen.Choose(0, 23).Select(h => Instant.FromUtc(2026, 6, 10, 0, 0) + Duration.FromHours(h)));

        var message = Run.Fails(properties.NeverOutsideAWindow());

        Assert.Contains("account night-owl: zones [America/New_York], due ", message, StringComparison.Ordinal);
        Assert.Contains("decision night-owl: Contact call-overdue", message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithClosedLoopRounds_FewerThanOne_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Acme.WithClosedLoopRounds(0));

    [Fact]
    public void With_ReturnsNewPropertiesAndLeavesTheOriginalUnchanged()
    {
        var original = Acme;
        var engine = new CadenceEngine(SamplePolicies.AcmeUs);

        var changed = original.WithEngine(engine).AlsoComplyingWith(JurisdictionPacks.UsRegulationF()).AlsoComplyingWith(JurisdictionPacks.UsMassachusetts()).WithClosedLoopRounds(3);

        Assert.Same(engine, changed.Engine);
        Assert.Equal(["us-regulation-f", "us-massachusetts"], changed.Constraints.Select(c => c.Name));
        Assert.Equal(3, changed.ClosedLoopRounds);
        Assert.NotSame(engine, original.Engine);
        Assert.Empty(original.Constraints);
        Assert.Equal(8, original.ClosedLoopRounds);
    }

    [Fact]
    public void For_NullPolicy_Throws() => Assert.Throws<ArgumentNullException>(() => PolicyProperties.For(null!));

    [Fact]
    public void AlsoComplyingWith_ANullPolicy_Throws() => Assert.Throws<ArgumentNullException>(() => Acme.AlsoComplyingWith(null!, JurisdictionPacks.UsRegulationF()));

    private const int PersonCases = 150;

    [Fact]
    public void NeverOutsideAWindowForPersons_HoldsForTheSampleUsPolicy() => Run.Passes(Acme.NeverOutsideAWindowForPersons(), PersonCases);

    [Fact]
    public void NeverBreaksACapOrCooldownForPersons_HoldsForTheSampleUsPolicyCheckedWithRegulationF()
        => Run.Passes(Acme.AlsoComplyingWith(JurisdictionPacks.UsRegulationF()).NeverBreaksACapOrCooldownForPersons(), PersonCases);

    [Fact]
    public void NeverUsesABlockedChannelForPersons_HoldsForTheSampleRussianPolicy() => Run.Passes(Ru.NeverUsesABlockedChannelForPersons(), PersonCases);

    [Fact]
    public void AllForPersons_HoldsForTheSampleRussianPolicy() => Run.Passes(Ru.AllForPersons(), 50);

    public static TheoryData<string, RuleScope> CapsAndCooldowns => new()
    {
        { "cap", RuleScope.Person }, { "cap", RuleScope.Account }, { "cap", RuleScope.ContactPoint },
        { "cooldown", RuleScope.Person }, { "cooldown", RuleScope.Account }, { "cooldown", RuleScope.ContactPoint },
    };

    [Theory]
    [MemberData(nameof(CapsAndCooldowns))]
    public void NeverBreaksACapOrACooldown_AtEachScope_HoldsForALenderCountingAtThatScope(string rule, RuleScope scope)
    {
        var properties = PolicyProperties.For(ScopedPolicy(rule, scope));

        Run.Passes(rule == "cap" ? properties.NeverBreaksACap(scope) : properties.NeverBreaksACooldown(scope), PersonCases);
    }

    [Theory]
    [MemberData(nameof(CapsAndCooldowns))]
    public void NeverBreaksACapOrACooldown_AtEachScope_AnEngineThatForgetsTheHistoryCountedThere_FailsNamingTheRuleAndTheScope(string rule, RuleScope scope)
    {
        var policy = ScopedPolicy(rule, scope);
        var engine = scope == RuleScope.ContactPoint ? ForgetfulEngine.OfAttemptsOnAPoint(policy) : ForgetfulEngine.OfAttemptsAboutAccounts(policy);
        var properties = PolicyProperties.For(policy).WithEngine(engine);

        var message = Run.Fails(rule == "cap" ? properties.NeverBreaksACap(scope) : properties.NeverBreaksACooldown(scope), 500);

        Assert.Contains($"does not hold for policy '{policy.Name}'", message, StringComparison.Ordinal);
        Assert.Contains(rule == "cap" ? $"Cap {policy.Caps[0].Name}" : $"Cooldown {policy.Cooldowns[0].Name}", message, StringComparison.Ordinal);
        Assert.Contains("person person: zones [", message, StringComparison.Ordinal);
        Assert.Matches("decision person: Contact (call|text)", message);
        Assert.Contains("Shrunk:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverBreaksACap_ForPersons_AnEngineThatForgetsAttemptsOnAPoint_StillKeepsACapCountedPerAccount()
        => Run.Passes(PolicyProperties.For(ScopedPolicies.AccountCap).WithEngine(ForgetfulEngine.OfAttemptsOnAPoint(ScopedPolicies.AccountCap)).NeverBreaksACap(RuleScope.ContactPoint), PersonCases);

    [Theory]
    [InlineData(RuleScope.Person)]
    [InlineData(RuleScope.Account)]
    public void NeverContactsDuringAHold_HoldsForTheLender(RuleScope scope)
        => Run.Passes(PolicyProperties.For(ScopedPolicies.PersonCap).NeverContactsDuringAHold(scope), PersonCases);

    [Theory]
    [InlineData(RuleScope.Person, "person hold (dispute|cease-communication)")]
    [InlineData(RuleScope.Account, "account hold (dispute|cease-communication)")]
    public void NeverContactsDuringAHold_AnEngineBlindToHoldsAtThatScope_FailsShowingTheHold(RuleScope scope, string hold)
    {
        var message = Run.Fails(PolicyProperties.For(ScopedPolicies.PersonCap).WithEngine(new HoldBlindEngine(ScopedPolicies.PersonCap, scope)).NeverContactsDuringAHold(scope), 500);

        Assert.Contains($"NeverContactsDuringAHold({scope}) does not hold for policy 'person-cap'", message, StringComparison.Ordinal);
        Assert.Matches(hold, message);
        Assert.Matches("Hold (dispute|cease)", message);
    }

    [Fact]
    public void NeverContactsDuringAHold_OnAContactPoint_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Acme.NeverContactsDuringAHold(RuleScope.ContactPoint));

    [Fact]
    public void NeverUsesAnExhaustedContactPoint_HoldsForTheLender_AndFailsForAnEngineThatForgetsAttemptsOnAPoint()
    {
        Run.Passes(PolicyProperties.For(ScopedPolicies.PersonCap).NeverUsesAnExhaustedContactPoint(), PersonCases);

        var message = Run.Fails(PolicyProperties.For(ScopedPolicies.PersonCap).WithEngine(ForgetfulEngine.OfAttemptsOnAPoint(ScopedPolicies.PersonCap)).NeverUsesAnExhaustedContactPoint(), 500);

        Assert.Contains("Exhaustion three-failures", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NeverOutsideAWindowForPersons_AnEngineOfThePolicyWithoutItsWindow_FailsWithTheWindow()
    {
        var message = Run.Fails(PolicyProperties.For(ScopedPolicies.PersonCap).WithEngine(new CadenceEngine(LenderPolicies.CallsAtAnyHour(ScopedPolicies.PersonCap))).NeverOutsideAWindowForPersons(), 500);

        Assert.Contains("NeverOutsideAWindowForPersons does not hold for policy 'person-cap'", message, StringComparison.Ordinal);
        Assert.Contains("Window lender-hours", message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPersons_ChecksTheGivenPersons_AndShowsThemWhenTheyFail()
    {
        var properties = PolicyProperties.For(LenderPolicies.LateNight)
            .AlsoComplyingWith(JurisdictionPacks.UsRegulationF())
            .WithPersons(now => Gen.Constant(new Person("night-owl")
            {
                TimeZoneIds = [LenderPolicies.NewYork],
                ContactPoints = [new ContactPoint(Channel.Call) { Id = "home", Kind = ContactPointKind.Landline }],
                Accounts = [new Account("card") { DueDate = now.InZone(DateTimeZoneProviders.Tzdb[LenderPolicies.NewYork]).Date.PlusDays(-10), AmountDue = new Money(250m, "USD") }],
            }))
            .WithInstants(Gen.Choose(0, 23).Select(h => Instant.FromUtc(2026, 6, 10, 0, 0) + Duration.FromHours(h)));

        var message = Run.Fails(properties.NeverOutsideAWindowForPersons());

        Assert.Contains("person night-owl: zones [America/New_York]", message, StringComparison.Ordinal);
        Assert.Contains("  contact point home: Call Landline", message, StringComparison.Ordinal);
        Assert.Contains("decision night-owl: Contact call-overdue via Call (home)", message, StringComparison.Ordinal);
        Assert.Contains("[us-regulation-f]", message, StringComparison.Ordinal);
    }

    private static CadencePolicy ScopedPolicy(string rule, RuleScope scope) => (rule, scope) switch
    {
        ("cap", RuleScope.Person) => ScopedPolicies.PersonCap,
        ("cap", RuleScope.Account) => ScopedPolicies.AccountCap,
        ("cap", _) => ScopedPolicies.ContactPointCap,
        (_, RuleScope.Person) => ScopedPolicies.PersonCooldown,
        (_, RuleScope.Account) => ScopedPolicies.AccountCooldown,
        _ => ScopedPolicies.ContactPointCooldown,
    };
}
