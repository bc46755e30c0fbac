using System.Buffers;
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
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 10, iterationCount: 15)]
[Config(typeof(PerUnitColumns.Config))]
public class PipelineBenchmarks
{
    private byte[] file = [];
    private byte[] spaced = [];
    // What a file's buffer holds before it is written out.
    private const int OutputFlushBytes = 1 << 20;

    private readonly ArrayBufferWriter<byte> output = new(2 * OutputFlushBytes);
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
        spaced = Encoding.UTF8.GetBytes(text.Replace("\":", "\": ").ToString());
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

    /// <summary>Reads every person, building the model, and writes nothing: the reading half of the boundary.</summary>
    [Benchmark(Description = "Read only, 1 thread")]
    public long ReadOnly() => Read(file);

    private static long Read(byte[] lines)
    {
        var read = 0L;
        foreach (var record in PersonJson.ReadLines(new MemoryStream(lines, writable: false)))
        {
            read += record.Person is null ? 0 : 1;
        }

        return read;
    }

    /// <summary>
    /// Reads the same persons from lines with a space after every colon: the same tokens, but no longer the plainest
    /// form, so that every item is read as tokens (the reader's path for JSON written by other tools).
    /// </summary>
    [Benchmark(Description = "Read only, spaced lines (tokens), 1 thread")]
    public long ReadOnlySpaced() => Read(spaced);

    /// <summary>
    /// Reads every person and writes a decision for it (the decisions decided in setup) as a JSON Lines record into an
    /// output buffer, as <c>cadence evaluate</c> writes: the boundary alone, no evaluation.
    /// </summary>
    [Benchmark(Description = "Read + write, 1 thread")]
    public long ReadAndWrite()
    {
        var written = 0L;
        var i = 0;
        output.ResetWrittenCount();
        foreach (var record in PersonJson.ReadLines(new MemoryStream(file, writable: false)))
        {
            if (record.Person is not null)
            {
                DecisionJson.WriteLine(output, decided[i++]);
            }

            if (output.WrittenCount > OutputFlushBytes)
            {
                written += output.WrittenCount;
                output.ResetWrittenCount();
            }
        }

        return written + output.WrittenCount;
    }

    /// <summary>Reads in chunks on a thread of its own, decides each chunk on one thread and writes: the whole pipeline of <c>cadence evaluate</c>.</summary>
    [Benchmark(Description = "Read + evaluate + write, 1 thread")]
    public long Pipeline() => Run(single);

    /// <summary>The whole pipeline with the parallel batch on every core.</summary>
    [Benchmark(Description = "Read + evaluate + write, parallel batch")]
    public long PipelineParallel() => Run(parallel);

    private long Run(CadenceEngine engine)
    {
        var written = 0L;
        foreach (var chunk in PersonJson.ReadChunksAsync(new MemoryStream(file, writable: false)).ToBlockingEnumerable())
        {
            output.ResetWrittenCount();
            foreach (var decision in chunk.Evaluate(engine, ReferenceWorkload.Now))
            {
                DecisionJson.WriteLine(output, decision);
            }

            written += output.WrittenCount;
        }

        return written;
    }
}
