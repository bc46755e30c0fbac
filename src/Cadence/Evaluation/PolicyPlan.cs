using System.Collections.Immutable;
using Cadence.Time;
using NodaTime;

namespace Cadence.Evaluation;

/// <summary>
/// A guard: a static block on a candidate step (no contact point, opt-out, consent, workplace, exhaustion, hold). Plain
/// code, written once: the NRules evaluator makes one rule of each guard, the compiled evaluator loops over them.
/// </summary>
internal sealed class CandidateGuard(string name, ReasonCode reason, Func<AccountFacts, CadenceStep, int, bool> blocks, HoldRule? hold = null)
{
    public string Name { get; } = name;

    public ReasonCode Reason { get; } = reason;

    public bool Blocks(AccountFacts facts, CadenceStep step, int stepIndex) => blocks(facts, step, stepIndex);

    /// <summary>Until when the block holds, when known (a hold's lapse).</summary>
    public Instant? Until(AccountFacts facts) => hold is null ? null : HoldPeriods.Lapse(facts, hold);
}

/// <summary>What a policy checks per account, as plain code shared by every evaluator; built once per policy.</summary>
internal sealed class PolicyPlan
{
    public PolicyPlan(CadencePolicy policy)
    {
        var guards = ImmutableArray.CreateBuilder<CandidateGuard>();
        guards.Add(new CandidateGuard("guard:no-contact-point", ReasonCode.NoContactPoint, static (f, s, _) => s.Channel is { } c && f.ContactPointFor(c) is null));
        guards.Add(new CandidateGuard("guard:opted-out", ReasonCode.OptedOut, static (f, s, _) => s.Channel is { } c && f.ContactPointFor(c) is { OptedOut: true }));
        foreach (var channel in policy.ConsentRequired)
        {
            guards.Add(new CandidateGuard($"guard:consent:{channel}", ReasonCode.ConsentMissing, (f, s, _) => s.Channel == channel && f.ContactPointFor(channel) is { ConsentGiven: false }));
        }

        foreach (var channel in policy.WorkplaceRestricted)
        {
            guards.Add(new CandidateGuard($"guard:workplace:{channel}", ReasonCode.WorkplaceRestricted, (f, s, _) => s.Channel == channel && f.ContactPointFor(channel) is { IsWorkplace: true }));
        }

        foreach (var rule in policy.ExhaustionRules)
        {
            guards.Add(new CandidateGuard("exhaustion:" + rule.Name, ReasonCode.ChannelExhausted, (f, s, _) => s.Channel is { } c && f.IsExhausted(rule, c)));
        }

        for (var r = 0; r < policy.HoldRules.Length; r++)
        {
            var index = r;
            var rule = policy.HoldRules[r];
            guards.Add(new CandidateGuard("hold:" + rule.Name, ReasonCode.HoldActive, (f, _, s) => f.Policy.Plan.HoldBlocks(index, s) && HoldPeriods.IsInEffect(f, rule, f.Now), rule));
        }

        Guards = guards.ToImmutable();
        StepRuleNames = [.. policy.Steps.Select(s => "step:" + s.Id)];
        HoldRuleNames = [.. policy.HoldRules.Select(h => "hold:" + h.Name)];
        EarliestFromDay = policy.Steps.IsEmpty ? 0 : policy.Steps.Min(s => s.FromDay);
        holdBlocks = [.. policy.HoldRules.SelectMany(r => policy.Steps.Select(r.Blocks))];
        stepCount = policy.Steps.Length;
    }

    private readonly bool[] holdBlocks;
    private readonly int stepCount;

    /// <summary>Whether the policy's hold rule at <paramref name="rule"/> blocks its step at <paramref name="step"/>; a table lookup.</summary>
    public bool HoldBlocks(int rule, int step) => holdBlocks[(rule * stepCount) + step];

    /// <summary>The earliest first day of any step, relative to the due date.</summary>
    public int EarliestFromDay { get; }

    /// <summary>The name of each hold rule's guard, index for index with the policy's hold rules.</summary>
    public ImmutableArray<string> HoldRuleNames { get; }

    /// <summary>The name of each step's rule, index for index with the policy's steps.</summary>
    public ImmutableArray<string> StepRuleNames { get; }

    public ImmutableArray<CandidateGuard> Guards { get; }

    /// <summary>
    /// Whether <paramref name="step"/> is due: today's day from the due date lies in its window, it has been served fewer
    /// than its maximum attempts in this cycle, and all its conditions hold. Never an exact-date match.
    /// </summary>
    public static bool IsDue(AccountFacts facts, CadenceStep step, int stepIndex)
    {
        if (facts.DayFromDue is not { } day || day < step.FromDay || day > step.ToDay || facts.AttemptsOf(stepIndex) >= step.EffectiveMaxAttempts)
        {
            return false;
        }

        foreach (var condition in step.Conditions)
        {
            if (!condition.IsSatisfiedBy(facts))
            {
                return false;
            }
        }

        return true;
    }
}
