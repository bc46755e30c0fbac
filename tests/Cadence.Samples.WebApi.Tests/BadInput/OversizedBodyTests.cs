using System.Net;
using Cadence.Samples.WebApi.Tests.Support;

namespace Cadence.Samples.WebApi.Tests.BadInput;

/// <summary>A body over its endpoint's limit is answered 413 with problem details, or, once a batch has started, ends it with an error record.</summary>
public sealed class OversizedBodyTests(DecisionApiHost host, StrictHost strict)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARecordOverOneMebibyteIsAnswered413NamingTheLimit()
    {
        var padded = Bodies.Account + new string(' ', 1024 * 1024);

        // Over HTTP/2: the answer comes before the body is sent, and HttpClient reads it while it sends.
        using var response = await host.Http2.PostAsync("/decisions", Bodies.Utf8(padded, "application/json"), Cancellation);

        var problem = await Bodies.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal("The body is over the limit of 1048576 bytes (Cadence:MaxRecordBytes).", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ARecordOverTheLimitSentWithoutALengthIsAnswered413()
    {
        using var content = new UnknownLengthContent("application/json", Bodies.Account + new string(' ', 3000));

        using var response = await strict.Http1.PostAsync("/check?channel=call", content, Cancellation);

        var problem = await Bodies.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The body is over the limit of 2000 bytes (Cadence:MaxRecordBytes).", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABatchWhoseLengthIsOverTheLimitIsAnswered413BeforeAnyDecision()
    {
        var batch = string.Join("\n", Enumerable.Repeat(Bodies.Account, 200));

        using var response = await strict.Http1.PostAsync("/decisions/batch", Bodies.Utf8(batch, "application/x-ndjson"), Cancellation);

        var problem = await Bodies.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The body is over the limit of 20000 bytes (Cadence:MaxBatchBytes).", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABatchThatOutgrowsTheLimitWhileStreamedEndsWithAnErrorRecordAfterTheLinesDecided()
    {
        // Four lines are read and decided before the rest arrives, over the limit.
        var first = string.Join("\n", Enumerable.Repeat(Bodies.Account, 4)) + "\n";
        var rest = string.Join("\n", Enumerable.Repeat(Bodies.Account, 200));
        using var content = new UnknownLengthContent("application/x-ndjson", first, rest);

        using var response = await strict.Http1.PostAsync("/decisions/batch", content, Cancellation);

        var decisions = await Bodies.DecisionsAsync(response);
        Assert.InRange(decisions.Count, 5, 204);
        Assert.All(decisions[..^1], d => Assert.Equal("PF-001", d.GetProperty("accountId").GetString()));
        var last = decisions[^1];
        Assert.Equal($"line {decisions.Count}", last.GetProperty("accountId").GetString());
        Assert.Equal("error", last.GetProperty("kind").GetString());
        Assert.Equal("invalidAccount", last.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(
            $"the batch is over the limit of 20000 bytes (Cadence:MaxBatchBytes): no line from line {decisions.Count} on was read",
            last.GetProperty("error").GetProperty("message").GetString());
    }
}
