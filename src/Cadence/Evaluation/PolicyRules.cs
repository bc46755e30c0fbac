using System.Linq.Expressions;
using Cadence.Time;
using NRules.Fluent;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace Cadence.Evaluation;

/// <summary>
/// Turns a policy into NRules rule definitions with NRules' rule model: one rule per step that proposes candidates,
/// and guard rules that block them (contact point, opt-out, consent, workplace, exhaustion, holds), plus the lender's
/// custom rules. Parameter names of the expressions are the pattern declarations' names.
/// </summary>
internal static class PolicyRules
{
    /// <summary>Step rules fire before guard rules; guards see every candidate.</summary>
    public const int StepPriority = 100;

    public const int GuardPriority = 50;

    public static IReadOnlyList<IRuleDefinition> Build(CadencePolicy policy)
    {
        var rules = new List<IRuleDefinition>();
        foreach (var step in policy.Steps)
        {
            rules.Add(StepRule(step));
        }

        rules.Add(ContactPointGuard("guard:no-contact-point", ReasonCode.NoContactPoint, (candidate, facts) => facts.ContactPointFor(candidate.Channel!.Value) == null));
        rules.Add(ContactPointGuard("guard:opted-out", ReasonCode.OptedOut, (candidate, facts) => facts.ContactPointFor(candidate.Channel!.Value) != null && facts.ContactPointFor(candidate.Channel!.Value)!.OptedOut));
        foreach (var channel in policy.ConsentRequired)
        {
            rules.Add(ContactPointGuard($"guard:consent:{channel}", ReasonCode.ConsentMissing, (candidate, facts) => candidate.Channel == channel && facts.ContactPointFor(channel) != null && !facts.ContactPointFor(channel)!.ConsentGiven));
        }

        foreach (var channel in policy.WorkplaceRestricted)
        {
            rules.Add(ContactPointGuard($"guard:workplace:{channel}", ReasonCode.WorkplaceRestricted, (candidate, facts) => candidate.Channel == channel && facts.ContactPointFor(channel) != null && facts.ContactPointFor(channel)!.IsWorkplace));
        }

        foreach (var rule in policy.ExhaustionRules)
        {
            rules.Add(ContactPointGuard("exhaustion:" + rule.Name, ReasonCode.ChannelExhausted, (candidate, facts) => facts.IsExhausted(rule, candidate.Channel!.Value)));
        }

        foreach (var rule in policy.HoldRules)
        {
            rules.Add(HoldGuard(rule));
        }

        if (!policy.CustomRules.IsEmpty)
        {
            rules.AddRange(new RuleDefinitionFactory().Create(policy.CustomRules));
        }

        return rules;
    }

    public static int GuardCount(CadencePolicy policy)
        => 2 + policy.ConsentRequired.Length + policy.WorkplaceRestricted.Length + policy.ExhaustionRules.Length + policy.HoldRules.Length;

    private static IRuleDefinition StepRule(CadenceStep step)
    {
        var name = "step:" + step.Id;
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Description($"Proposes step '{step.Id}' on days [{step.FromDay}, {step.ToDay}] from the due date.");
        builder.Priority(StepPriority);
        var facts = builder.LeftHandSide().Pattern(typeof(AccountFacts), "facts");
        int from = step.FromDay, to = step.ToDay, max = step.EffectiveMaxAttempts;
        facts.Condition(Lambda<Func<AccountFacts, bool>>(facts => facts.DayFromDue != null && facts.DayFromDue >= from && facts.DayFromDue <= to));
        facts.Condition(Lambda<Func<AccountFacts, bool>>(facts => facts.AttemptsOf(step) < max));
        foreach (var condition in step.Conditions)
        {
            facts.Condition(Lambda<Func<AccountFacts, bool>>(facts => condition.IsSatisfiedBy(facts)));
        }

        builder.RightHandSide().Action(Lambda<Action<IContext, AccountFacts>>((ctx, facts) => ctx.TryInsert(new Candidate(step, name, facts.StepWindowEnd(step)))));
        return builder.Build();
    }

    private static IRuleDefinition ContactPointGuard(string name, ReasonCode reason, Expression<Func<Candidate, AccountFacts, bool>> blocks)
    {
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Priority(GuardPriority);
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(Candidate), "candidate").Condition(Lambda<Func<Candidate, bool>>(candidate => candidate.Channel != null));
        lhs.Pattern(typeof(AccountFacts), "facts").Condition(blocks);
        builder.RightHandSide().Action(Lambda<Action<IContext, Candidate>>((ctx, candidate) => ctx.TryInsert(new CandidateBlock(candidate, name, reason, null))));
        return builder.Build();
    }

    private static IRuleDefinition HoldGuard(HoldRule rule)
    {
        var name = "hold:" + rule.Name;
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Priority(GuardPriority);
        var lhs = builder.LeftHandSide();
        lhs.Pattern(typeof(Candidate), "candidate").Condition(Lambda<Func<Candidate, bool>>(candidate => rule.Blocks(candidate.Step)));
        lhs.Pattern(typeof(AccountFacts), "facts").Condition(Lambda<Func<AccountFacts, bool>>(facts => HoldPeriods.IsInEffect(facts, rule, facts.Now)));
        builder.RightHandSide().Action(Lambda<Action<IContext, Candidate, AccountFacts>>((ctx, candidate, facts) => ctx.TryInsert(new CandidateBlock(candidate, name, ReasonCode.HoldActive, HoldPeriods.Lapse(facts, rule)))));
        return builder.Build();
    }

    private static Expression<T> Lambda<T>(Expression<T> expression) => expression;
}
