using System.Net;
using Cadence.Samples.WebApi.Tests.Support;

namespace Cadence.Samples.WebApi.Tests.BadInput;

/// <summary>A body of the wrong media type is answered 415 with problem details naming the media types expected.</summary>
public sealed class ContentTypeTests(DecisionApiHost host)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/decisions", "text/plain")]
    [InlineData("/decisions", "application/xml")]
    [InlineData("/check?channel=call", "application/xml")]
    [InlineData("/decisions", "application/x-ndjson")]
    public async Task ARecordSentAsAnythingButJsonIsAnswered415NamingApplicationJson(string path, string mediaType)
    {
        using var response = await host.Http1.PostAsync(path, Bodies.Utf8(Bodies.Account, mediaType), Cancellation);

        var problem = await Bodies.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal($"The body was sent as {mediaType}. Send it as application/json.", problem.GetProperty("detail").GetString());
        Assert.Equal(["application/json"], problem.GetProperty("supportedMediaTypes").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task ARecordSentWithoutAContentTypeIsAnswered415()
    {
        using var content = new ByteArrayContent("{}"u8.ToArray());

        using var response = await host.Http1.PostAsync("/decisions", content, Cancellation);

        var problem = await Bodies.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("The body was sent without a Content-Type. Send it as application/json.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task ARecordSentAsJsonWithOrWithoutACharsetIsDecided(string mediaType)
    {
        using var response = await host.Http1.PostAsync("/decisions", Bodies.Utf8(Bodies.Account, mediaType), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("""{"accountId":"PF-001","kind":"contact",""", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task ABatchSentAsAnythingButJsonLinesIsAnswered415NamingTheJsonLinesTypes(string mediaType)
    {
        using var response = await host.Http1.PostAsync("/decisions/batch", Bodies.Utf8(Bodies.Account, mediaType), Cancellation);

        var problem = await Bodies.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(
            $"The body was sent as {mediaType}. Send it as application/x-ndjson, application/jsonl, application/json-lines, application/x-jsonlines.",
            problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("application/jsonl")]
    [InlineData("application/json-lines")]
    [InlineData("application/x-ndjson; charset=utf-8")]
    public async Task ABatchSentAsAnyJsonLinesTypeIsDecided(string mediaType)
    {
        using var response = await host.Http1.PostAsync("/decisions/batch", Bodies.Utf8(Bodies.Account + "\n" + Bodies.Account, mediaType), Cancellation);

        var decisions = await Bodies.DecisionsAsync(response);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["PF-001", "PF-001"], decisions.Select(d => d.GetProperty("accountId").GetString()));
    }
}
