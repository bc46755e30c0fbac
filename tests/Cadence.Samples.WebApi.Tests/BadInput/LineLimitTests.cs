using Cadence.Samples.WebApi.Tests.Support;

namespace Cadence.Samples.WebApi.Tests.BadInput;

/// <summary>A batch line over <c>Cadence:MaxLineBytes</c> is an error record in its place; the other lines are decided.</summary>
public sealed class LineLimitTests(StrictHost host)
{
    [Fact]
    public async Task ALineOverTheLimitIsAnErrorRecordSayingHowLongItIs()
    {
        var longLine = "{\"accountId\":\"LONG\",\"tags\":[\"" + new string('x', 1200) + "\"]}";
        var batch = string.Join("\n", Bodies.Account, longLine, Bodies.Account);

        using var response = await host.Http1.PostAsync("/decisions/batch", Bodies.Utf8(batch, "application/x-ndjson"), TestContext.Current.CancellationToken);

        var decisions = await Bodies.DecisionsAsync(response);
        Assert.Equal(["PF-001", "line 2", "PF-001"], decisions.Select(d => d.GetProperty("accountId").GetString()));
        Assert.Equal(
            $"line 2, $: the line is {longLine.Length} bytes long, over the limit of 1000 bytes: it was not read",
            decisions[1].GetProperty("error").GetProperty("message").GetString());
    }
}
