using Cadence.Testing;
using FsCheck.Xunit;

namespace Cadence.Tests.Engine;

/// <summary>
/// The compiled and NRules evaluators must give identical decisions — kind, step, NotBefore, ReviewAt, suppression,
/// errors and the whole explanation — on generated policies, accounts and instants (DST edges, saturated caps, holds).
/// </summary>
public sealed class EvaluatorDifferentialProperties
{
    [Property(MaxTest = 2000, Arbitrary = [typeof(CadenceArbitraries)])]
    public void CompiledAndNRulesEvaluators_GiveIdenticalDecisions(Scenario s)
    {
        var compiled = new CadenceEngine(s.Policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled });
        var nrules = new CadenceEngine(s.Policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.NRules });
        var fast = new CadenceEngine(s.Policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled, IncludeExplanations = false });

        foreach (var account in s.Accounts)
        {
            var a = compiled.Evaluate(account, s.Now);
            var b = nrules.Evaluate(account, s.Now);
            Assert.Equal(Render(b), Render(a));

            // Without explanations (the batch default) the decision itself is the same.
            var c = fast.Evaluate(account, s.Now);
            Assert.Null(c.Explanation);
            Assert.Equal(RenderDecision(b), RenderDecision(c));
        }
    }

    private static string Render(Decision d) => $"{RenderDecision(d)}{Environment.NewLine}{d.Explanation?.ToDisplayString()}";

    private static string RenderDecision(Decision d) => $"{d}{Environment.NewLine}reviewAt={d.ReviewAt} suppressedBy={d.SuppressedBy} error={d.Error}";
}
