namespace Cadence.Cli.Tests;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("plain text, tab\there", "plain text, tab\there")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("over\rwrite", "over\\u000Dwrite")]
    [InlineData("bell\u0007 and DEL\u007f and CSI\u009b", "bell\\u0007 and DEL\\u007F and CSI\\u009B")]
    [InlineData("abc\u202edef\u2066", "abc\\u202Edef\\u2066")]
    [InlineData("Москва, 東京, é", "Москва, 東京, é")]
    public void Escape_MakesEveryControlCharacterVisible_AndLeavesOtherTextAsItIs(string text, string expected)
        => Assert.Equal(expected, TerminalText.Escape(text));

    [Fact]
    public void Write_EveryOverload_Escapes_ButLineBreaksStay()
    {
        using var inner = new StringWriter { NewLine = "\n" };
        using var writer = new TerminalText(inner);

        writer.Write('\u001b');
        writer.Write("a\u0008b");
        writer.Write(['x', '\r', 'y'], 0, 3);
        writer.WriteLine("line\u001b");
        writer.WriteLine();
        writer.WriteUnescaped("\rprogress");

        Assert.Equal("\\u001Ba\\u0008bx\\u000Dyline\\u001B\n\n\rprogress", inner.ToString());
    }
}
