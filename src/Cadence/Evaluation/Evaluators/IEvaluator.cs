using Cadence.CustomRules;

namespace Cadence.Evaluation.Evaluators;

/// <summary>
/// Finds a person's candidates (every account's, on every contact point) and their blocks and feeds them to the shared choice. Two implementations give the
/// same decisions: <see cref="DirectEvaluator"/> loops over the compiled policy, <see cref="NRulesEvaluator"/> runs it
/// as NRules rules (and runs custom rules). Each maps its own failures to error decisions (<see cref="EvaluationFailure"/>).
/// </summary>
/// <remarks>Implementations are thread-safe; the workspace is not, and is used by one thread at a time.</remarks>
internal interface IEvaluator
{
    /// <summary>What it evaluates, for logs.</summary>
    string Description { get; }

    /// <summary>Decides for a person (or a single account) whose facts are derived.</summary>
    Decision Decide(EvaluationWorkspace workspace, PersonFacts person, bool explain);
}
