using System.Text;

namespace Cadence.Json.Tests;

public sealed class Utf8NamesTests
{
    private static readonly string[] Properties = ["personId", "timeZones", "regions", "holds", "tags", "contactPoints", "history", "accounts", "accountId", "dueDate", "amountDue", "autopay"];

    private static readonly Utf8Names<int> Names = new(Properties.Select((name, i) => (name, i)));

    [Fact]
    public void TryGet_EveryName_FindsItsValue()
    {
        for (var i = 0; i < Properties.Length; i++)
        {
            Assert.True(Names.TryGet(Encoding.UTF8.GetBytes(Properties[i]), out var value));
            Assert.Equal(i, value);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("personid")]
    [InlineData("personIdx")]
    [InlineData("tag")]
    [InlineData("pags")]
    [InlineData("accountIds")]
    [InlineData("amountDuE")]
    public void TryGet_AnyOtherText_FindsNothing(string text)
        => Assert.False(Names.TryGet(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void New_NamesThatCannotBeToldApart_AreRefused()
        => Assert.Throws<ArgumentException>(() => new Utf8Names<int>([("a", 1), ("a", 2)]));
}
