using System.Text;

namespace Cadence.Json.Tests;

public sealed class Utf8LineReaderTests
{
    private static List<string> Lines(byte[] bytes)
    {
        var reader = new Utf8LineReader(new MemoryStream(bytes), int.MaxValue - 1);
        var lines = new List<string>();
        while (reader.Next(out var line, out var size))
        {
            Assert.Equal(line.Length, size);
            lines.Add(Encoding.UTF8.GetString(line.Span));
        }

        return lines;
    }

    [Fact]
    public void Next_SplitsAtLineFeedsOnly_DropsTheCarriageReturnBeforeOne_AndSkipsAByteOrderMark()
        => Assert.Equal(["a\rb", "c", "", "d"], Lines([0xEF, 0xBB, 0xBF, .. "a\rb\nc\r\n\r\nd"u8]));

    [Fact]
    public void Next_ALineLongerThanTheBuffer_IsReadWhole()
    {
        var longLine = new string('x', 200_000);

        Assert.Equal([longLine, "y"], Lines(Encoding.UTF8.GetBytes(longLine + "\ny\n")));
    }

    [Fact]
    public void ReadLines_ALoneSurrogateOrBytesThatAreNotUtf8_AreAnErrorForThatLineOnly_NeverReplaced()
    {
        byte[] text =
        [
            .. """{"accountId":"lone\ud800","dueDate":"2026-03-01","amountDue":{"amount":5,"currency":"USD"}}"""u8, (byte)'\n',
            .. "{\"accountId\":\"bad"u8, 0xFF, 0xFE, .. "\",\"dueDate\":\"2026-03-01\",\"amountDue\":{\"amount\":5,\"currency\":\"USD\"}}"u8, (byte)'\n',
            .. """{"accountId\ud800":"x"}"""u8, (byte)'\n',
            .. """{"accountId":"ok","dueDate":"2026-03-01","amountDue":{"amount":5,"currency":"USD"}}"""u8, (byte)'\n',
        ];

        var results = AccountJson.ReadLines(new MemoryStream(text)).ToList();

        Assert.Equal([1, 2, 3, 4], results.Select(r => r.Line));
        Assert.Equal([null, null, null, "ok"], results.Select(r => r.Account?.AccountId));
        Assert.Equal("line 1, accountId: the string is not valid text: it holds a lone surrogate escape (\\ud800–\\udfff without its pair) or bytes that are not UTF-8", Assert.Single(results[0].Errors).ToString());
        Assert.Equal("line 2, accountId: the string is not valid text: it holds a lone surrogate escape (\\ud800–\\udfff without its pair) or bytes that are not UTF-8", Assert.Single(results[1].Errors).ToString());
        Assert.Equal("line 3, $: the record holds a name that is not valid text: a lone surrogate escape or bytes that are not UTF-8", Assert.Single(results[2].Errors).ToString());
    }

    [Fact]
    public void Consumed_CountsEveryByteThroughTheLastLineReturned_ByteOrderMarkAndLineBreaksIncluded()
    {
        // Lines across the reader's 64 KiB buffer, one over the limit, a carriage return before a line feed.
        var longLine = new string('x', 100_000);
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "a\r\n"u8, .. Encoding.UTF8.GetBytes(longLine + "\n"), .. "b\n\nc"u8];
        var reader = new Utf8LineReader(new MemoryStream(bytes), 50_000);
        var consumed = new List<long>();
        while (reader.Next(out _, out _))
        {
            consumed.Add(reader.Consumed);
        }

        Assert.Equal([3L + 3, 6 + 100_001, 100_007 + 2, 100_009 + 1, bytes.Length], consumed);
    }

    [Fact]
    public void Next_ALineOverTheLimitInTheBuffer_IsReportedByItsLengthOnly_AndTheNextLineIsWhole()
    {
        var reader = new Utf8LineReader(new MemoryStream("too long\r\nok\n"u8.ToArray()), 4);

        Assert.True(reader.Next(out var first, out var firstSize));
        Assert.True(first.IsEmpty);
        Assert.Equal(8, firstSize);
        Assert.True(reader.Next(out var second, out var secondSize));
        Assert.Equal("ok", Encoding.UTF8.GetString(second.Span));
        Assert.Equal(2, secondSize);
        Assert.False(reader.Next(out _, out _));
    }
}
