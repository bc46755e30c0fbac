using System.Text;
using Cadence.Json.Tests.Support;
using NodaTime;

namespace Cadence.Json.Tests;

/// <summary><see cref="PersonJson.ReadChunksAsync"/> and the chunks it reads.</summary>
public sealed class PersonReadChunkTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 9, 14, 30);

    private static byte[] SamplePortfolio() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"));

    private static async Task<List<PersonReadChunk>> Chunks(byte[] bytes, int maxRecords, long maxBytes, int maxLineBytes = PersonJson.DefaultMaxLineBytes)
    {
        var chunks = new List<PersonReadChunk>();
        await foreach (var chunk in PersonJson.ReadChunksAsync(new MemoryStream(bytes), maxRecords, maxBytes, maxLineBytes, TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static string Describe(PersonReadResult r) => $"{r.Line} {r.Id} {string.Join("; ", r.Errors)}";

    [Fact]
    public async Task ReadChunksAsync_ChunksOfAFewRecords_HoldEveryRecordOfReadLinesInOrder()
    {
        var bytes = SamplePortfolio();

        var chunks = await Chunks(bytes, maxRecords: 5, maxBytes: long.MaxValue);

        Assert.Equal(PersonJson.ReadLines(new MemoryStream(bytes)).Select(Describe), chunks.SelectMany(c => c.Records).Select(Describe));
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(5, c.Records.Count));
        Assert.Equal(bytes.Length, chunks[^1].BytesRead);
        Assert.Equal(chunks.Select(c => c.BytesRead).Order(), chunks.Select(c => c.BytesRead));
    }

    [Fact]
    public async Task ReadChunksAsync_AChunkEndsWithTheLineThatReachesTheBytes()
    {
        var line = """{"accountId":"A-1","dueDate":"2026-03-01","amountDue":{"amount":5,"currency":"USD"}}""" + "\n";
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 10)));

        var chunks = await Chunks(bytes, maxRecords: 100, maxBytes: (line.Length * 3) - 1);

        Assert.Equal([3, 3, 3, 1], chunks.Select(c => c.Records.Count));
        Assert.Equal([line.Length * 3L, line.Length * 6L, line.Length * 9L, line.Length * 10L], chunks.Select(c => c.BytesRead));
    }

    [Fact]
    public async Task ReadChunksAsync_BadLines_AreResultsInTheirPlace_AndALongOneIsNeverKept()
    {
        var good = """{"accountId":"A-1","dueDate":"2026-03-01","amountDue":{"amount":5,"currency":"USD"}}""";
        var bytes = Encoding.UTF8.GetBytes($"{good}\nnot json\n\n{{\"accountId\":\"{new string('x', 500)}\"}}\n{good}\n");

        var records = (await Chunks(bytes, maxRecords: 2, maxBytes: long.MaxValue, maxLineBytes: 200)).SelectMany(c => c.Records).ToList();

        Assert.Equal([1, 2, 4, 5], records.Select(r => r.Line));
        Assert.Equal([true, false, false, true], records.Select(r => r.Success));
        Assert.Contains("over the limit of 200 bytes", records[2].Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunksAsync_Utf16_FailsTheEnumerationNamingTheEncoding()
    {
        var bytes = Encoding.Unicode.GetBytes("{\"accountId\":\"A-1\"}\n");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => Chunks(bytes, 10, 1000));

        Assert.Contains("UTF-16 (little-endian)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChunksAsync_LeftEarly_StopsTheReaderBeforeReturning()
    {
        // Far more than the reader's buffer, so that a reader left running would go on reading.
        var stream = new CountingStream([.. Enumerable.Repeat(SamplePortfolio(), 40).SelectMany(b => b)]);
        await foreach (var chunk in PersonJson.ReadChunksAsync(stream, maxRecords: 1, maxBytes: long.MaxValue, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.Single(chunk.Records);
            break;
        }

        var reads = stream.Reads;
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(reads, stream.Reads);
        Assert.True(stream.Position < stream.Length);
    }

    [Fact]
    public void ReadChunksAsync_LimitsBelowOne_AreRefusedAtOnce()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonJson.ReadChunksAsync(new MemoryStream(), maxRecords: 0, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonJson.ReadChunksAsync(new MemoryStream(), maxBytes: 0, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => PersonJson.ReadChunksAsync(new MemoryStream(), maxLineBytes: 0, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Evaluate_DecidesEveryRecordAsItAloneWouldBeDecided_InTheRecordsOrder()
    {
        var policy = PolicyJson.ReadFile(Path.Combine(Repository.Policies, "acme-us.policy.json")).Policy!;
        var engine = new CadenceEngine(policy, new CadenceEngineOptions { IncludeExplanations = true, IncludeExplanationsInBatches = true });
        var bytes = SamplePortfolio().Concat("not json\n"u8.ToArray()).ToArray();

        var chunks = await Chunks(bytes, maxRecords: 7, maxBytes: long.MaxValue);
        var decisions = chunks.SelectMany(c => c.Evaluate(engine, Now, TestContext.Current.CancellationToken)).ToList();

        var expected = PersonJson.ReadLines(new MemoryStream(bytes)).Select(r => r.Evaluate(engine, Now)).ToList();
        Assert.Equal(expected.Select(DecisionJson.Write), decisions.Select(DecisionJson.Write));
        Assert.Contains(decisions, d => d.PersonId == "PF-P35");
        Assert.Equal(DecisionKind.Error, decisions[^1].Kind);
    }

    /// <summary>A stream of bytes that counts its reads.</summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public override int Read(byte[] buffer, int offset, int count)
        {
            Interlocked.Increment(ref reads);
            return base.Read(buffer, offset, count);
        }
    }
}
