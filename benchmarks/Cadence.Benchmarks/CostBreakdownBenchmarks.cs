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
/// Where the time of one account goes, stage by stage, on 10 000 reference accounts (Regulation F pack): deriving the
/// facts, the step and guard checks, the whole compiled decision; and on NRules, creating a session, inserting and
/// firing, and retracting. Each stage includes the ones before it.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CostBreakdownBenchmarks
{
    private BorrowerState[] accounts = [];
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
        accounts = ReferenceWorkload.Generate(10_000);
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
        foreach (var a in accounts)
        {
            n += deriver.TryDerive(facts, a, ReferenceWorkload.Now, out _) ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Description = "Facts + step and guard checks")]
    public int Checks()
    {
        var n = 0;
        foreach (var a in accounts)
        {
            deriver.TryDerive(facts, a, ReferenceWorkload.Now, out _);
            for (var i = 0; i < policy.Steps.Length; i++)
            {
                var account = facts.Accounts[0];
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

        return n;
    }

    [Benchmark(Description = "Compiled decision (+ placing in time)")]
    public int Compiled()
    {
        var n = 0;
        foreach (var a in accounts)
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
        foreach (var _ in accounts)
        {
            n += factory.CreateSession() is null ? 0 : 1;
        }

        return n;
    }

    [Benchmark(Description = "NRules: insert + fire (new session)")]
    public int InsertFire()
    {
        var n = 0;
        foreach (var a in accounts)
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
        foreach (var a in accounts)
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
