using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cadence.Evaluation.Evaluators;
using Cadence.Evaluation;
using Cadence.Explanations;
using NRules;

namespace Cadence.Benchmarks;

/// <summary>
/// The reference workload of benchmarks.md with every contestant in one run: the hand-written baseline, the compiled
/// evaluator on one thread and as the parallel batch, the NRules evaluator batched as the library does it, and a naive
/// NRules session per account with the same rules. Explanations off, decisions written into a reused buffer.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReferenceBenchmarks
{
    private BorrowerState[] accounts = [];
    private Decision[] decisions = [];
    private BaselineDecision[] baselineDecisions = [];
    private HandWrittenBaseline baseline = null!;
    private CadenceEngine compiledSingle = null!;
    private CadenceEngine compiledParallel = null!;
    private CadenceEngine nrules = null!;
    private ISessionFactory naiveFactory = null!;
    private CompiledPolicy naiveCompiled = null!;
    private NRulesEvaluator naiveEvaluator = null!;

    /// <summary>Portfolio sizes; <c>CADENCE_BENCHMARK_SIZES</c> (comma-separated) overrides them, e.g. for a smoke run.</summary>
    public static IEnumerable<int> Sizes()
        => Environment.GetEnvironmentVariable("CADENCE_BENCHMARK_SIZES") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            : [10_000, 100_000, 1_000_000];

    [ParamsSource(nameof(Sizes))]
    public int Accounts { get; set; }

    [Params(ReferencePolicies.RegulationF, ReferencePolicies.FederalLaw230)]
    public string Pack { get; set; } = ReferencePolicies.RegulationF;

    [GlobalSetup]
    public void Setup()
    {
        accounts = ReferenceWorkload.Generate(Accounts);
        decisions = new Decision[Accounts];
        baselineDecisions = new BaselineDecision[Accounts];
        var policy = ReferencePolicies.For(Pack);
        baseline = new HandWrittenBaseline(Pack == ReferencePolicies.RegulationF);
        compiledSingle = new CadenceEngine(policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled, MaxDegreeOfParallelism = 1 });
        compiledParallel = new CadenceEngine(policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled });
        nrules = new CadenceEngine(policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.NRules });
        naiveCompiled = new CompiledPolicy(policy);
        naiveEvaluator = new NRulesEvaluator(naiveCompiled);
        naiveFactory = new RuleCompiler().Compile(naiveEvaluator.Rules);

        // The baseline must give the same answers, or it is no baseline.
        HandWritten();
        CompiledParallel();
        var mismatches = 0;
        for (var i = 0; i < Accounts; i++)
        {
            var d = decisions[i];
            var b = baselineDecisions[i];
            var same = d.Kind is DecisionKind.Contact or DecisionKind.Escalate
                ? b.Kind == d.Kind && HandWrittenBaseline.StepId(b.Step) == d.Step!.Id && b.NotBefore == d.NotBefore
                : b.Kind == DecisionKind.None;
            if (!same && mismatches++ < 5)
            {
                Console.WriteLine($"// baseline differs on {d.AccountId}: engine {d}, baseline {b.Kind} {(b.Kind == DecisionKind.None ? string.Empty : HandWrittenBaseline.StepId(b.Step))} {b.NotBefore}");
            }
        }

        Console.WriteLine($"// {Pack}, {Accounts} accounts: {decisions.Count(d => d.Kind == DecisionKind.Contact)} contacts, {decisions.Count(d => d.Kind == DecisionKind.Contact && d.NotBefore > ReferenceWorkload.Now)} deferred; baseline agrees on {Accounts - mismatches} of {Accounts}");
    }

    [Benchmark(Baseline = true, Description = "Hand-written")]
    public void HandWritten()
    {
        for (var i = 0; i < accounts.Length; i++)
        {
            baselineDecisions[i] = baseline.Decide(accounts[i], ReferenceWorkload.Now);
        }
    }

    [Benchmark(Description = "Compiled, 1 thread")]
    public void CompiledSingleThread() => compiledSingle.EvaluateBatch(accounts, decisions, ReferenceWorkload.Now);

    [Benchmark(Description = "Compiled, parallel batch")]
    public void CompiledParallel() => compiledParallel.EvaluateBatch(accounts, decisions, ReferenceWorkload.Now);

    [Benchmark(Description = "NRules, library batch")]
    public void NRulesBatched() => nrules.EvaluateBatch(accounts, decisions, ReferenceWorkload.Now);

    /// <summary>What a user would write without the library: a new NRules session for every account, same rules.</summary>
    [Benchmark(Description = "NRules, session per account")]
    public void NRulesNaive()
    {
        var workspace = new EvaluationWorkspace(naiveCompiled);
        for (var i = 0; i < accounts.Length; i++)
        {
            var session = naiveFactory.CreateSession();
            if (!workspace.Deriver.TryDerive(workspace.Facts, accounts[i], ReferenceWorkload.Now, out var error))
            {
                decisions[i] = Decision.Failed(accounts[i].AccountId, ReasonCode.InvalidAccount, error!);
                continue;
            }

            decisions[i] = naiveEvaluator.DecideIn(session, workspace.Chooser, workspace.Facts, explain: false, out _);
        }
    }
}
