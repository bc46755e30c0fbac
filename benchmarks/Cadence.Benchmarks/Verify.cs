namespace Cadence.Benchmarks;

/// <summary>
/// <c>--verify [accounts…]</c>: for each size and pack, the hand-written baseline's agreement with the compiled engine,
/// person by person, the bytes the compiled single-thread batch allocates (second batch, after warm-up), and a rough
/// ratio of their times: seven batches of each, alternated in one process so that a busy machine slows both alike,
/// compared by their fastest and their median batch. Not a substitute for the BenchmarkDotNet run.
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
                var engineTimes = new double[7];
                var baselineTimes = new double[7];
                for (var r = 0; r < engineTimes.Length; r++)
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    for (var i = 0; i < persons.Length; i++)
                    {
                        mine[i] = baseline.Decide(persons[i]);
                    }

                    baselineTimes[r] = watch.Elapsed.TotalMilliseconds;
                    watch.Restart();
                    engine.EvaluateBatch(persons, decisions, ReferenceWorkload.Now);
                    engineTimes[r] = watch.Elapsed.TotalMilliseconds;
                }

                Array.Sort(engineTimes);
                Array.Sort(baselineTimes);
                log.WriteLine(FormattableString.Invariant(
                    $"{pack}, {size} accounts: compiled 1 thread {engineTimes[0]:0.0} ms fastest, {engineTimes[3]:0.0} ms median; hand-written {baselineTimes[0]:0.0} / {baselineTimes[3]:0.0} ms; ratio {engineTimes[0] / baselineTimes[0]:0.00} fastest, {engineTimes[3] / baselineTimes[3]:0.00} median; {engineTimes[0] * 1e6 / persons.Length:0} / {baselineTimes[0] * 1e6 / persons.Length:0} ns per person"));
                var agree = Agreement.Count(persons, decisions, mine, log, show: 10);
                var kinds = string.Join(", ", decisions.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
                log.WriteLine($"{pack}, {size} accounts, {persons.Length} persons ({kinds}): baseline agrees on {agree} of {persons.Length}; compiled batch allocates {engineBytes} B ({(double)engineBytes / persons.Length:0.###} B/person), baseline {baselineBytes} B");
                failed |= agree < persons.Length * 0.999;
            }
        }

        return failed ? 1 : 0;
    }
}
