using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Cadence.CustomRules;
using Cadence.Evaluation;
using Cadence.Evaluation.Blocks;
using Cadence.Evaluation.Candidates;
using Cadence.Evaluation.Evaluators;
using Cadence.Evaluation.Facts;
using NRules;

namespace Cadence.Benchmarks;

/// <summary>
/// Where the time of one person goes, stage by stage, on the persons of 10 000 reference accounts (Regulation F pack):
/// deriving the facts, the step and guard checks, the whole compiled decision; and on NRules, creating a session,
/// inserting and firing, and retracting. Each stage includes the ones before it.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CostBreakdownBenchmarks
{
    private Person[] persons = [];
    private CadencePolicy policy = null!;
    private CompiledPolicy compiled = null!;
    private EvaluationWorkspace workspace = null!;
    private PersonFacts facts = null!;
    private FactsDeriver deriver = null!;
    private DirectEvaluator direct = null!;
    private ImmutableArray<CandidateGuard> guards;
    private ISessionFactory factory = null!;
    private ISession session = null!;

    [GlobalSetup]
    public void Setup()
    {
        persons = ReferenceWorkload.GeneratePersons(10_000);
        policy = ReferencePolicies.For(ReferencePolicies.RegulationF);
        compiled = new CompiledPolicy(policy);
        workspace = new EvaluationWorkspace(compiled);
        facts = workspace.Facts;
        deriver = workspace.Deriver;
        direct = new DirectEvaluator(compiled);
        guards = CandidateGuard.For(compiled);
        factory = new RuleCompiler().Compile(new NRulesEvaluator(compiled).Rules);
        session = factory.CreateSession();
    }

    [Benchmark(Baseline = true, Description = "Facts only")]
    public int Facts()
    {
        var n = 0;
        foreach (var a in persons)
        {
            n += deriver.TryDerive(facts, a, ReferenceWorkload.Now, out _) ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Description = "Facts + step and guard checks")]
    public int Checks()
    {
        var n = 0;
        foreach (var a in persons)
        {
            deriver.TryDerive(facts, a, ReferenceWorkload.Now, out _);
            for (var k = 0; k < facts.Accounts.Count; k++)
            {
                var account = facts.Accounts[k];
                for (var i = 0; i < policy.Steps.Length; i++)
                {
                    if (StepTiming.IsDue(account, policy.Steps[i], i))
                    {
                        var point = policy.Steps[i].Channel is { } channel ? account.ContactPointFor(channel) : null;
                        foreach (var guard in guards)
                        {
                            n += guard.Blocks(account, policy.Steps[i], i, point) ? 1 : 0;
                        }
                    }
                }
            }
        }

        return n;
    }

    [Benchmark(Description = "Compiled decision (+ placing in time)")]
    public int Compiled()
    {
        var n = 0;
        foreach (var a in persons)
        {
            deriver.TryDerive(facts, a, ReferenceWorkload.Now, out _);
            n += (int)direct.Decide(workspace, facts, explain: false).Kind;
        }

        return n;
    }

    [Benchmark(Description = "NRules: new session per account")]
    public int NewSessions()
    {
        var n = 0;
        foreach (var _ in persons)
        {
            n += factory.CreateSession() is null ? 0 : 1;
        }

        return n;
    }

    [Benchmark(Description = "NRules: insert + fire (new session)")]
    public int InsertFire()
    {
        var n = 0;
        foreach (var a in persons)
        {
            deriver.TryDerive(facts, a, ReferenceWorkload.Now, out _);
            var s = factory.CreateSession();
            s.Insert(facts);
            s.InsertAll(facts.Accounts);
            n += s.Fire();
        }

        return n;
    }

    [Benchmark(Description = "NRules: insert + fire + retract (reused session)")]
    public int InsertFireRetract()
    {
        var n = 0;
        foreach (var a in persons)
        {
            deriver.TryDerive(facts, a, ReferenceWorkload.Now, out _);
            session.Insert(facts);
            session.InsertAll(facts.Accounts);
            n += session.Fire();
            session.RetractAll(session.Query<object>().ToList());
        }

        return n;
    }
}
