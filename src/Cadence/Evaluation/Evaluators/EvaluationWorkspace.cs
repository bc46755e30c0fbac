using Cadence.CustomRules;
using Cadence.Evaluation.Choice;
using Cadence.Evaluation.Facts;

namespace Cadence.Evaluation.Evaluators;

/// <summary>What one thread evaluates with, reused from person to person: the facts, their deriver and the chooser.</summary>
internal sealed class EvaluationWorkspace(CompiledPolicy compiled)
{
    public PersonFacts Facts { get; } = new(compiled.Policy, compiled.StepIndex);

    public FactsDeriver Deriver { get; } = new(compiled);

    public Chooser Chooser { get; } = new(compiled);

    /// <summary>Lets go of every person evaluated with it, before it goes back to the pool.</summary>
    public void Forget()
    {
        Deriver.Forget();
        Facts.Forget();
        Chooser.Forget();
    }
}
