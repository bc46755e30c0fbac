using Cadence.Tests.Support;
using FsCheck.Xunit;

namespace Cadence.Tests;

/// <summary>
/// The compiled and NRules evaluators must give identical decisions — kind, step, NotBefore, ReviewAt, suppression,
/// errors and the whole explanation — on generated policies, accounts and instants (DST edges, saturated caps, holds).
/// </summary>
public sealed class EvaluatorDifferentialProperties
{
    [Property(MaxTest = 2000, Arbitrary = [typeof(Generators)])]
    public void CompiledAndNRulesEvaluators_GiveIdenticalDecisions(Scenario s)
    {
        var compiled = new CadenceEngine(s.Policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled });
        var nrules = new CadenceEngine(s.Policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.NRules });

        foreach (var account in s.Accounts)
        {
            var a = compiled.Evaluate(account, s.Now);
            var b = nrules.Evaluate(account, s.Now);
            Assert.Equal(Render(b), Render(a));
        }
    }

    private static string Render(Decision d)
        => $"{d}{Environment.NewLine}reviewAt={d.ReviewAt} suppressedBy={d.SuppressedBy} error={d.Error}{Environment.NewLine}{d.Explanation?.ToDisplayString()}";
}
