using Cadence.CustomRules;
using Cadence.Evaluation.Choice;
using Cadence.Evaluation.Facts;

namespace Cadence.Evaluation.Evaluators;

/// <summary>What one thread evaluates with, reused from account to account: the facts, their deriver and the chooser.</summary>
internal sealed class EvaluationWorkspace(CompiledPolicy compiled)
{
    public AccountFacts Facts { get; } = new(compiled.Policy, compiled.StepIndex);

    public FactsDeriver Deriver { get; } = new(compiled);

    public Chooser Chooser { get; } = new(compiled);

    /// <summary>Lets go of every account evaluated with it, before it goes back to the pool.</summary>
    public void Forget()
    {
        Deriver.Forget();
        Facts.Forget();
    }
}
