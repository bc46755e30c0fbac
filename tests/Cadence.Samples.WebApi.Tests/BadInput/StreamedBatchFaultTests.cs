using System.Net;
using Cadence.Samples.WebApi.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Cadence.Samples.WebApi.Tests.BadInput;

/// <summary>A batch whose evaluation fails after its first decisions were sent ends with an error record, never a reset.</summary>
public sealed class StreamedBatchFaultTests(StrictHost host)
{
    private static readonly string Fault = Bodies.Account.Replace("\"PF-001\"", $"\"{FaultyEngine.FaultId}\"", StringComparison.Ordinal);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFaultInTheSecondChunkEndsTheAnswerWithAnErrorRecordAfterEveryLineOfTheFirst()
    {
        // Chunks of two lines: the first is decided and sent, the second holds the fault.
        var batch = string.Join("\n", Bodies.Account, Bodies.Account, Fault, Bodies.Account, Bodies.Account);

        using var response = await host.Http1.PostAsync("/decisions/batch", Bodies.Utf8(batch, "application/x-ndjson"), Cancellation);

        var decisions = await Bodies.DecisionsAsync(response);
        Assert.Equal(["PF-001", "PF-001", "line 3"], decisions.Select(d => d.GetProperty("accountId").GetString()));
        var error = decisions[2].GetProperty("error");
        Assert.Equal("error", decisions[2].GetProperty("kind").GetString());
        Assert.Equal("evaluationFailed", error.GetProperty("code").GetString());
        Assert.Matches("^the service failed \\(trace [^)]+\\): no line from line 3 on was decided; send them again$", error.GetProperty("message").GetString());
        var logged = await host.Logs.WaitForAsync(e => e.Level == LogLevel.Error && e.Message.StartsWith("The batch failed at line 3", StringComparison.Ordinal));
        Assert.IsType<InvalidOperationException>(logged?.Exception);
    }

    [Fact]
    public async Task AFaultBeforeAnyDecisionWasSentIsAnswered500WithProblemDetails()
    {
        var batch = string.Join("\n", Fault, Bodies.Account);

        using var response = await host.Http1.PostAsync("/decisions/batch", Bodies.Utf8(batch, "application/x-ndjson"), Cancellation);

        var problem = await Bodies.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
    }
}
