namespace Cadence.Json.Tests;

public sealed class JsonLineReaderTests
{
    private static List<string> Lines(string text)
    {
        var reader = new JsonLineReader(new StringReader(text), int.MaxValue - 1);
        var lines = new List<string>();
        while (reader.Next(out var line, out var size))
        {
            Assert.Equal(line.Length, size);
            lines.Add(line);
        }

        return lines;
    }

    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("a\rb\nc", new[] { "a\rb", "c" })]
    [InlineData("\n\n", new[] { "", "" })]
    [InlineData("", new string[0])]
    public void Next_SplitsAtLineFeedsOnly(string text, string[] expected) => Assert.Equal(expected, Lines(text));

    [Fact]
    public void Next_ALineLongerThanTheBuffer_IsReadWhole()
    {
        var longLine = new string('x', 50_000);

        Assert.Equal([longLine, "y"], Lines(longLine + "\ny"));
    }

    [Fact]
    public void ReadLines_ABareCarriageReturnInsideALine_DoesNotSplitItIntoTwoAccounts()
    {
        const string text = "{\"accountId\":\"A-1\",\r\"dueDate\":\"2026-03-01\",\"amountDue\":{\"amount\":10,\"currency\":\"USD\"}}\r\n{\"accountId\":\"A-2\",\"dueDate\":\"2026-03-01\",\"amountDue\":{\"amount\":10,\"currency\":\"USD\"}}\n";

        var results = AccountJson.ReadLines(new StringReader(text)).ToList();

        Assert.Equal(["A-1", "A-2"], results.Select(r => r.Account?.AccountId));
        Assert.Equal([1, 2], results.Select(r => r.Line));
    }
}
