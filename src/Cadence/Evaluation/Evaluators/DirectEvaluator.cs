using System.Collections.Immutable;
using Cadence.CustomRules;
using Cadence.Evaluation.Blocks;
using Cadence.Evaluation.Candidates;

namespace Cadence.Evaluation.Evaluators;

/// <summary>
/// Evaluates a policy without a rules session: for each account, the steps that are due (<see cref="StepTiming.IsDue"/>),
/// each contact step paired with every contact point of its channel, and the guards that block them, looped over in
/// order and fed straight to the shared choice. Allocates nothing per person when explanations are off. Cannot run
/// custom NRules rules.
/// </summary>
internal sealed class DirectEvaluator(CompiledPolicy compiled) : IEvaluator
{
    private readonly ImmutableArray<CandidateGuard> guards = CandidateGuard.For(compiled);

    public string Description => $"Compiled evaluator for policy '{compiled.Policy.Name}': {compiled.Steps.Length} steps, {guards.Length} guards";

    public Decision Decide(EvaluationWorkspace workspace, PersonFacts person, bool explain)
    {
        var chooser = workspace.Chooser;
        var steps = compiled.Steps;
        var inCondition = false;
        try
        {
            chooser.Begin(person, explain);
            var accounts = person.Accounts;
            for (var a = 0; a < accounts.Count; a++)
            {
                var facts = accounts[a];
                for (var i = 0; i < steps.Length; i++)
                {
                    // A step's conditions and the guards are rule conditions (as on NRules): one that throws fails the rule.
                    inCondition = true;
                    if (!StepTiming.IsDue(facts, steps[i], i))
                    {
                        continue;
                    }

                    var closes = StepTiming.Closes(facts, steps[i]);
                    if (steps[i].Channel is not { } channel)
                    {
                        Guard(chooser, facts, i, null, closes);
                        inCondition = false;
                        chooser.EndCandidate();
                        continue;
                    }

                    var paired = false;
                    foreach (var point in person.ContactPoints)
                    {
                        if (point.Channel == channel)
                        {
                            paired = true;
                            inCondition = true;
                            Guard(chooser, facts, i, point, closes);
                            inCondition = false;
                            chooser.EndCandidate();
                        }
                    }

                    if (!paired)
                    {
                        Guard(chooser, facts, i, null, closes);
                        inCondition = false;
                        chooser.EndCandidate();
                    }
                }
            }

            inCondition = false;
            return chooser.Finish();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: the person is an error, never a contact.
            return inCondition ? EvaluationFailure.RuleFailed(person, null, ex.Message) : EvaluationFailure.Failed(person, ex.Message);
        }
    }

    /// <summary>Starts a candidate and applies every guard to it (rule conditions); the caller ends it.</summary>
    private void Guard(Choice.Chooser chooser, AccountFacts facts, int step, ContactPoint? point, NodaTime.Instant? closes)
    {
        var steps = compiled.Steps;
        chooser.BeginCandidate(facts, step, point, compiled.Names.Steps[step], closes);
        foreach (var guard in guards)
        {
            if (guard.Blocks(facts, steps[step], step, point))
            {
                chooser.Block(guard.Name, guard.Reason, guard.Until(facts), guard.HoldRule);
            }
        }
    }
}
