namespace Cadence;

/// <summary>Which evaluator a <see cref="CadenceEngine"/> runs a policy on. Both give identical decisions.</summary>
public enum CadenceEvaluator
{
    /// <summary>The compiled evaluator, unless the policy has custom NRules rules, which only the NRules evaluator runs.</summary>
    Auto = 0,

    /// <summary>
    /// The policy's steps and guards evaluated as straight-line code per account, with no rules session: the fastest,
    /// for portfolios. Not available for a policy with custom NRules rules.
    /// </summary>
    Compiled,

    /// <summary>The policy compiled into NRules rules and evaluated by forward chaining in a rules session; runs custom rules.</summary>
    NRules,
}
