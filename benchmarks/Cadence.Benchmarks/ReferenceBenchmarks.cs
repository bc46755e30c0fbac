using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cadence.Evaluation.Evaluators;
using Cadence.Evaluation;
using Cadence.Explanations;
using NRules;

namespace Cadence.Benchmarks;

/// <summary>
/// The reference workload of benchmarks.md, persons holding <see cref="Accounts"/> accounts, with every contestant in
/// one run: the hand-written baseline, the compiled evaluator on one thread and as the parallel batch, the NRules
/// evaluator batched as the library does it, and a naive NRules session per person with the same rules. One operation
/// is the whole batch; <see cref="PerUnitColumns"/> divide it by the persons and the accounts of the batch.
/// Explanations off, decisions written into a reused buffer.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[Config(typeof(PerUnitColumns.Config))]
public class ReferenceBenchmarks
{
    private Person[] persons = [];
    private Decision[] decisions = [];
    private BaselineDecision[] baselineDecisions = [];
    private HandWrittenBaseline baseline = null!;
    private CadenceEngine compiledSingle = null!;
    private CadenceEngine compiledParallel = null!;
    private CadenceEngine nrules = null!;
    private ISessionFactory naiveFactory = null!;
    private CompiledPolicy naiveCompiled = null!;
    private NRulesEvaluator naiveEvaluator = null!;

    /// <summary>Portfolio sizes in accounts; <c>CADENCE_BENCHMARK_SIZES</c> (comma-separated) overrides them, e.g. for a smoke run.</summary>
    public static IEnumerable<int> Sizes()
        => Environment.GetEnvironmentVariable("CADENCE_BENCHMARK_SIZES") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            : [10_000, 100_000, 1_000_000];

    /// <summary>How many accounts the batch's persons hold together (about 1.4 per person).</summary>
    [ParamsSource(nameof(Sizes))]
    public int Accounts { get; set; }

    [Params(ReferencePolicies.RegulationF, ReferencePolicies.FederalLaw230)]
    public string Pack { get; set; } = ReferencePolicies.RegulationF;

    [GlobalSetup]
    public void Setup()
    {
        persons = ReferenceWorkload.GeneratePersons(Accounts);
        decisions = new Decision[persons.Length];
        baselineDecisions = new BaselineDecision[persons.Length];
        var policy = ReferencePolicies.For(Pack);
        baseline = new HandWrittenBaseline(Pack == ReferencePolicies.RegulationF, ReferenceWorkload.Now);
        compiledSingle = new CadenceEngine(policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled, MaxDegreeOfParallelism = 1 });
        compiledParallel = new CadenceEngine(policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled });
        nrules = new CadenceEngine(policy, new CadenceEngineOptions { Evaluator = CadenceEvaluator.NRules });
        naiveCompiled = new CompiledPolicy(policy);
        naiveEvaluator = new NRulesEvaluator(naiveCompiled);
        naiveFactory = new RuleCompiler().Compile(naiveEvaluator.Rules);

        // The baseline must give the same answers, or it is no baseline.
        HandWritten();
        CompiledParallel();
        var agree = Agreement.Count(persons, decisions, baselineDecisions, Console.Out, show: 5);
        Console.WriteLine(
            $"// {Pack}, {persons.Length} persons, {Accounts} accounts: {decisions.Count(d => d.Kind == DecisionKind.Contact)} contacts, "
            + $"{decisions.Count(d => d.Kind == DecisionKind.Contact && d.NotBefore > ReferenceWorkload.Now)} deferred, "
            + $"{decisions.Count(d => d.Kind == DecisionKind.Escalate)} escalations; baseline agrees on {agree} of {persons.Length} persons");
    }

    [Benchmark(Baseline = true, Description = "Hand-written")]
    public void HandWritten()
    {
        var all = persons;
        for (var i = 0; i < all.Length; i++)
        {
            baselineDecisions[i] = baseline.Decide(all[i]);
        }
    }

    [Benchmark(Description = "Compiled, 1 thread")]
    public void CompiledSingleThread() => compiledSingle.EvaluateBatch(persons, decisions, ReferenceWorkload.Now);

    [Benchmark(Description = "Compiled, parallel batch")]
    public void CompiledParallel() => compiledParallel.EvaluateBatch(persons, decisions, ReferenceWorkload.Now);

    [Benchmark(Description = "NRules, library batch")]
    public void NRulesBatched() => nrules.EvaluateBatch(persons, decisions, ReferenceWorkload.Now);

    /// <summary>What a user would write without the library: a new NRules session for every person, same rules.</summary>
    [Benchmark(Description = "NRules, session per person")]
    public void NRulesNaive()
    {
        var workspace = new EvaluationWorkspace(naiveCompiled);
        for (var i = 0; i < persons.Length; i++)
        {
            var session = naiveFactory.CreateSession();
            if (!workspace.Deriver.TryDerive(workspace.Facts, persons[i], ReferenceWorkload.Now, out var error))
            {
                decisions[i] = Decision.Failed(persons[i].PersonId, ReasonCode.InvalidAccount, error!);
                continue;
            }

            decisions[i] = naiveEvaluator.DecideIn(session, workspace.Chooser, workspace.Facts, explain: false, out _);
        }
    }
}
