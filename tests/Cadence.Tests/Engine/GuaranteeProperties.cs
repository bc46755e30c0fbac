using Cadence.Simulation;
using Cadence.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Cadence.Tests.Engine;

/// <summary>
/// The guarantees of the semantics, each a property over generated policies, accounts and instants, checked by the
/// Cadence.Testing properties and the independent <see cref="ComplianceChecker"/>.
/// </summary>
public sealed class GuaranteeProperties
{
    private const int Cases = 300;

    private static Arbitrary<CadencePolicy> GeneratedPolicies => Arb.From(CadenceArbitraries.Policies());

    /// <summary>For each generated policy, one case of the policy's own property (the nested property generates its account).</summary>
    private static Property ForEveryPolicy(Func<PolicyProperties, Property> property)
        => Prop.ForAll(GeneratedPolicies, policy => property(PolicyProperties.For(policy)));

    /// <summary>As <see cref="ForEveryPolicy"/>, the policy evaluated on the NRules evaluator.</summary>
    private static Property ForEveryPolicyOnNRules(Func<PolicyProperties, Property> property)
        => Prop.ForAll(GeneratedPolicies, policy => property(PolicyProperties.For(policy).WithEngine(new CadenceEngine(policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.NRules }))));

    [Property(MaxTest = Cases)]
    public Property NotBefore_IsNeverBeforeNowAndInsideTheWindowInEveryZone() => ForEveryPolicy(p => p.NeverOutsideAWindow());

    [Property(MaxTest = Cases)]
    public Property RecordingTheContactAtNotBefore_BreaksNoCapCooldownOrStepRule() => ForEveryPolicy(p => p.NeverBreaksACapOrCooldown());

    [Property(MaxTest = Cases)]
    public Property Decisions_NeverUseABlockedChannel() => ForEveryPolicy(p => p.NeverUsesABlockedChannel());

    [Property(MaxTest = 100)]
    public Property Decisions_DoNotDependOnHistoryOrderBatchSizeParallelismOrCulture() => ForEveryPolicy(p => p.IsDeterministic());

    [Property(MaxTest = 100)]
    public Property BadInput_IsAnErrorForThatAccountOnly_AndEveryAccountIsAnswered() => ForEveryPolicy(p => p.AnswersEveryAccount());

    [Property(MaxTest = Cases)]
    public Property NothingOwed_NeverGetsAnyStep_WhateverTheHolds() => ForEveryPolicy(p => p.NeverContactsWhenNothingIsOwed());

    [Property(MaxTest = 100)]
    public Property OnNRules_NotBefore_IsNeverBeforeNowAndInsideTheWindowInEveryZone() => ForEveryPolicyOnNRules(p => p.NeverOutsideAWindow());

    [Property(MaxTest = 100)]
    public Property OnNRules_RecordingTheContactAtNotBefore_BreaksNoCapCooldownOrStepRule() => ForEveryPolicyOnNRules(p => p.NeverBreaksACapOrCooldown());

    [Property(MaxTest = 100)]
    public Property OnNRules_Decisions_NeverUseABlockedChannel() => ForEveryPolicyOnNRules(p => p.NeverUsesABlockedChannel());

    [Property(MaxTest = 100)]
    public Property OnNRules_NothingOwed_NeverGetsAnyStep_WhateverTheHolds() => ForEveryPolicyOnNRules(p => p.NeverContactsWhenNothingIsOwed());

    [Property(MaxTest = 50)]
    public Property OnNRules_BadInput_IsAnErrorForThatAccountOnly_AndEveryAccountIsAnswered() => ForEveryPolicyOnNRules(p => p.AnswersEveryAccount());

    [Property(MaxTest = 150)]
    public Property ClosedLoop_FollowingEveryDecision_NeverProducesAViolation() => ForEveryPolicy(p => p.WithClosedLoopRounds(12).NeverViolatesInAClosedLoop());

    /// <remarks>
    /// Makes the decided contact earlier — every 20 minutes from now, up to two days ahead — and records it in the
    /// account's timeline: for some outcome, the independent checker must find a violation at each of those instants.
    /// Skipped where the engine is stricter by design: accounts with attempts booked after now, and instants in a
    /// repeated autumn hour.
    /// </remarks>
    [Property(MaxTest = 150, Arbitrary = [typeof(CadenceArbitraries)])]
    public void NotBefore_IsTheEarliestAllowedInstant(AccountScenario s)
    {
        var account = s.Account;
        if (account.History.Any(h => h.At > s.Now))
        {
            return;
        }

        var d = new CadenceEngine(s.Policy).Evaluate(account, s.Now);
        if (d.Kind != DecisionKind.Contact)
        {
            return;
        }

        var checker = new ComplianceChecker(s.Policy);
        var zones = account.TimeZoneIds.IsEmpty ? [s.Policy.DefaultZone!] : account.TimeZoneIds.Select(id => DateTimeZoneProviders.Tzdb[id]).ToList();
        var end = Instant.Min(d.NotBefore!.Value, s.Now + Duration.FromDays(2));
        for (var t = s.Now; t < end; t += Duration.FromMinutes(20))
        {
            if (zones.Any(z => z.MapLocal(t.InZone(z).LocalDateTime).Count > 1))
            {
                continue;
            }

            var at = t;
            var found = Enum.GetValues<ContactOutcome>().SelectMany(outcome => checker.Check(new AccountTimeline(
                account,
                [new ContactMade(new ContactAttempt(at, d.Channel!.Value, ContactDirection.Outbound, outcome, d.Step!.Id), s.Now)])));
            Assert.True(
                found.Any(),
                $"{d} but {at} was already allowed{Environment.NewLine}{Describe.Decision(d, account, s.Policy)}{s}");
        }
    }
}
