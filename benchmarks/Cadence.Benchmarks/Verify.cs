namespace Cadence.Benchmarks;

/// <summary>
/// <c>--verify [accounts…]</c>: for each size and pack, the hand-written baseline's agreement with the compiled engine,
/// person by person, and the bytes the compiled single-thread batch allocates (second batch, after warm-up).
/// </summary>
public static class Verify
{
    public static int Run(IEnumerable<int> sizes, TextWriter log)
    {
        var failed = false;
        foreach (var size in sizes)
        {
            var persons = ReferenceWorkload.GeneratePersons(size);
            foreach (var pack in new[] { ReferencePolicies.RegulationF, ReferencePolicies.FederalLaw230 })
            {
                var engine = new CadenceEngine(ReferencePolicies.For(pack), new CadenceEngineOptions { Evaluator = CadenceEvaluator.Compiled, MaxDegreeOfParallelism = 1 });
                var baseline = new HandWrittenBaseline(pack == ReferencePolicies.RegulationF, ReferenceWorkload.Now);
                var decisions = new Decision[persons.Length];
                var mine = new BaselineDecision[persons.Length];
                engine.EvaluateBatch(persons, decisions, ReferenceWorkload.Now);
                var before = GC.GetAllocatedBytesForCurrentThread();
                engine.EvaluateBatch(persons, decisions, ReferenceWorkload.Now);
                var engineBytes = GC.GetAllocatedBytesForCurrentThread() - before;
                for (var i = 0; i < persons.Length; i++)
                {
                    mine[i] = baseline.Decide(persons[i]);
                }

                before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < persons.Length; i++)
                {
                    mine[i] = baseline.Decide(persons[i]);
                }

                var baselineBytes = GC.GetAllocatedBytesForCurrentThread() - before;
                var agree = Agreement.Count(persons, decisions, mine, log, show: 10);
                var kinds = string.Join(", ", decisions.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
                log.WriteLine($"{pack}, {size} accounts, {persons.Length} persons ({kinds}): baseline agrees on {agree} of {persons.Length}; compiled batch allocates {engineBytes} B ({(double)engineBytes / persons.Length:0.###} B/person), baseline {baselineBytes} B");
                failed |= agree < persons.Length * 0.999;
            }
        }

        return failed ? 1 : 0;
    }
}
