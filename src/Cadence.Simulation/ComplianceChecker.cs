using System.Collections.Immutable;

namespace Cadence.Simulation;

/// <summary>
/// Re-verifies a contact log against a policy's windows, caps, cooldowns, blocks and steps — a second, deliberately
/// simple implementation written from the semantics, which calls none of the engine's evaluation code.
/// </summary>
public sealed class ComplianceChecker
{
    private readonly Func<AccountTimeline, CadencePolicy> policyFor;

    /// <summary>Creates a checker for one policy.</summary>
    /// <param name="policy">The rules every contact must keep.</param>
    public ComplianceChecker(CadencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policyFor = _ => policy;
    }

    /// <summary>Creates a checker for an experiment: each account is checked against its variant's policy.</summary>
    /// <param name="experiment">The experiment.</param>
    public ComplianceChecker(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        policyFor = t => t.Variant is { } v ? experiment[v].Policy : experiment.Assign(t.AccountId).Policy;
    }

    /// <summary>Checks every outbound contact of one account.</summary>
    /// <param name="timeline">The account's starting state and events.</param>
    /// <returns>The violations, in the order of the contacts.</returns>
    public ImmutableArray<ComplianceViolation> Check(AccountTimeline timeline) => throw new NotImplementedException();

    /// <summary>Checks every outbound contact of every account.</summary>
    /// <param name="timelines">The accounts.</param>
    /// <returns>The violations, account by account.</returns>
    public ImmutableArray<ComplianceViolation> Check(IEnumerable<AccountTimeline> timelines)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        return [.. timelines.SelectMany(t => Check(t))];
    }
}
