using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cadence.Json;

namespace Cadence.Benchmarks;

/// <summary>
/// The whole pipeline of benchmarks.md on the reference portfolio written as JSON Lines (persons): bytes in memory,
/// split into lines, read into persons, decided, written as decisions. The physical limit in the same run is merely
/// tokenizing the same bytes with <see cref="Utf8JsonReader"/> (the baseline). One operation is the whole file.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[Config(typeof(PerUnitColumns.Config))]
public class PipelineBenchmarks
{
    private byte[] file = [];
    private Decision[] decided = [];
    private CadenceEngine single = null!;
    private CadenceEngine parallel = null!;

    /// <summary>How many accounts the file's persons hold together.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Accounts { get; set; }

    public static IEnumerable<int> Sizes() => ReferenceBenchmarks.Sizes().Where(s => s <= 100_000).DefaultIfEmpty(ReferenceBenchmarks.Sizes().Min());

    [GlobalSetup]
    public void Setup()
    {
        var persons = ReferenceWorkload.GeneratePersons(Accounts);
        var text = new StringBuilder();
        foreach (var person in persons)
        {
            text.Append(PersonJson.Write(person)).Append('\n');
        }

        file = Encoding.UTF8.GetBytes(text.ToString());
        var policy = ReferencePolicies.For(ReferencePolicies.RegulationF);
        single = new CadenceEngine(policy, new CadenceEngineOptions { MaxDegreeOfParallelism = 1 });
        parallel = new CadenceEngine(policy);
        decided = single.EvaluateBatch(persons, ReferenceWorkload.Now);
        Console.WriteLine($"// {file.Length / 1024 / 1024} MiB, {file.Length / persons.Length} bytes a person");
    }

    /// <summary>Tokenizes every line with <see cref="Utf8JsonReader"/>, building nothing: the physical limit.</summary>
    [Benchmark(Baseline = true, Description = "Tokenize only (Utf8JsonReader)")]
    public long Tokenize()
    {
        var tokens = 0L;
        var rest = file.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            var reader = new Utf8JsonReader(line);
            while (reader.Read())
            {
                tokens++;
            }

            rest = end < 0 ? default : rest[(end + 1)..];
        }

        return tokens;
    }

    /// <summary>Reads every person and writes a decision for it (the decisions decided in setup): the boundary alone, no evaluation.</summary>
    [Benchmark(Description = "Read + write, 1 thread")]
    public long ReadAndWrite()
    {
        var written = 0L;
        var i = 0;
        foreach (var record in PersonJson.ReadLines(new MemoryStream(file, writable: false)))
        {
            written += record.Person is null ? 0 : DecisionJson.Write(decided[i++]).Length;
        }

        return written;
    }

    /// <summary>Reads, decides in chunks on one thread and writes: the whole pipeline.</summary>
    [Benchmark(Description = "Read + evaluate + write, 1 thread")]
    public long Pipeline() => Run(single);

    /// <summary>The whole pipeline with the parallel batch on every core.</summary>
    [Benchmark(Description = "Read + evaluate + write, parallel batch")]
    public long PipelineParallel() => Run(parallel);

    private long Run(CadenceEngine engine)
    {
        var written = 0L;
        var chunk = new List<Person>(8192);
        foreach (var record in PersonJson.ReadLines(new MemoryStream(file, writable: false)))
        {
            chunk.Add(record.Person!);
            if (chunk.Count == chunk.Capacity)
            {
                written += Flush(engine, chunk);
            }
        }

        return written + Flush(engine, chunk);
    }

    private static long Flush(CadenceEngine engine, List<Person> chunk)
    {
        var written = 0L;
        foreach (var decision in engine.EvaluateBatch(chunk, ReferenceWorkload.Now))
        {
            written += DecisionJson.Write(decision).Length;
        }

        chunk.Clear();
        return written;
    }
}
