using Cadence.CustomRules;
using Cadence.Evaluation;
using Cadence.Evaluation.Evaluators;
using NodaTime;

namespace Cadence.Tests.Support;

/// <summary>Derives an account's facts as the engine does (compiled policy, workspace, facts stage).</summary>
internal static class Facts
{
    public static AccountFacts Derive(CadencePolicy policy, BorrowerState state, Instant now)
    {
        var workspace = new EvaluationWorkspace(new CompiledPolicy(policy));
        return workspace.Deriver.TryDerive(workspace.Facts, state, now, out var error) ? workspace.Facts.Accounts[0] : throw new InvalidOperationException(error);
    }

    /// <summary>Derives a person's facts as the engine does.</summary>
    public static PersonFacts Derive(CadencePolicy policy, Person person, Instant now)
    {
        var workspace = new EvaluationWorkspace(new CompiledPolicy(policy));
        return workspace.Deriver.TryDerive(workspace.Facts, person, now, out var error) ? workspace.Facts : throw new InvalidOperationException(error);
    }
}
