using System.Linq.Expressions;
using Cadence.CustomRules;
using Cadence.Evaluation.Blocks;
using Cadence.Evaluation.Candidates;
using NRules.Fluent;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace Cadence.Evaluation.Evaluators;

/// <summary>
/// Turns a policy into NRules rule definitions with NRules' rule model: one rule per step that proposes candidates for
/// each account, a pairing rule that pairs each contact proposal with the person's points of its channel, and guard
/// rules that block them (contact point, opt-out, consent, workplace, exhaustion, holds), plus the lender's
/// custom rules. Parameter names of the expressions are the pattern declarations' names.
/// </summary>
internal static class PolicyRuleModel
{
    /// <summary>Step rules fire before guard rules; guards see every candidate.</summary>
    public const int StepPriority = 100;

    /// <summary>The pairing rule fires after proposals and before guards.</summary>
    public const int PairingPriority = 75;

    public const int GuardPriority = 50;

    /// <summary>The name of the rule that pairs a contact proposal with each of the person's points of its channel.</summary>
    public const string PairingRuleName = "pairing";

    public static IReadOnlyList<IRuleDefinition> Build(CompiledPolicy compiled, IEnumerable<CandidateGuard> guards)
    {
        var policy = compiled.Policy;
        var rules = new List<IRuleDefinition>();
        for (var i = 0; i < policy.Steps.Length; i++)
        {
            rules.Add(StepRule(policy.Steps[i], i, compiled.Names.Steps[i]));
        }

        rules.Add(PairingRule());
        foreach (var guard in guards)
        {
            rules.Add(GuardRule(guard));
        }

        if (!policy.CustomRules.IsEmpty)
        {
            rules.AddRange(new RuleDefinitionFactory().Create(policy.CustomRules));
        }

        return rules;
    }

    private static IRuleDefinition StepRule(CadenceStep step, int index, string name)
    {
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Description($"Proposes step '{step.Id}' on days [{step.FromDay}, {(step.ToDay is { } to ? to.ToString(System.Globalization.CultureInfo.InvariantCulture) : "…")}] from the due date.");
        builder.Priority(StepPriority);
        var facts = builder.LeftHandSide().Pattern(typeof(AccountFacts), "facts");
        facts.Condition(Lambda<Func<AccountFacts, bool>>(facts => StepTiming.IsDue(facts, step, index)));
        builder.RightHandSide().Action(Lambda<Action<IContext, AccountFacts>>((ctx, facts) => ctx.TryInsert(new Candidate(facts, step, index, name, StepTiming.Closes(facts, step), true))));
        return builder.Build();
    }

    private static IRuleDefinition PairingRule()
    {
        var builder = new RuleBuilder();
        builder.Name(PairingRuleName);
        builder.Description("Pairs a proposed contact with each of the person's contact points of its channel.");
        builder.Priority(PairingPriority);
        builder.LeftHandSide().Pattern(typeof(Candidate), "candidate")
            .Condition(Lambda<Func<Candidate, bool>>(candidate => candidate.IsUnpaired));
        builder.RightHandSide().Action(Lambda<Action<IContext, Candidate>>((ctx, candidate) => InsertPairs(ctx, candidate)));
        return builder.Build();
    }

    private static void InsertPairs(IContext context, Candidate candidate)
    {
        foreach (var point in candidate.Person.ContactPoints)
        {
            if (point.Channel == candidate.Step.Channel)
            {
                context.TryInsert(candidate.On(point));
            }
        }
    }

    private static IRuleDefinition GuardRule(CandidateGuard guard)
    {
        var builder = new RuleBuilder();
        builder.Name(guard.Name);
        builder.Priority(GuardPriority);
        // One pattern, no join: the candidate carries its account's facts.
        builder.LeftHandSide().Pattern(typeof(Candidate), "candidate")
            .Condition(Lambda<Func<Candidate, bool>>(candidate => !candidate.IsUnpaired && guard.Blocks(candidate.Facts, candidate.Step, candidate.StepIndex, candidate.ContactPoint)));
        builder.RightHandSide().Action(Lambda<Action<IContext, Candidate>>((ctx, candidate) => ctx.TryInsert(new CandidateBlock(candidate, guard.Name, guard.Reason, guard.Until(candidate.Facts)))));
        return builder.Build();
    }

    private static Expression<T> Lambda<T>(Expression<T> expression) => expression;
}
