using System.Net;
using System.Text;
using Cadence.Samples.WebApi.Tests.Support;

namespace Cadence.Samples.WebApi.Tests.BadInput;

/// <summary>A body that is not UTF-8 is answered 415 naming its encoding; a batch line that is not is an error record in its place.</summary>
public sealed class EncodingTests(DecisionApiHost host)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/decisions", "application/json")]
    [InlineData("/decisions/batch", "application/x-ndjson")]
    public async Task ABodyInUtf16WithoutACharsetIsAnswered415NamingUtf16(string path, string mediaType)
    {
        using var response = await host.Http1.PostAsync(path, Bodies.Bytes(Encoding.Unicode.GetBytes(Bodies.Account), mediaType), Cancellation);

        var problem = await Bodies.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("The input is UTF-16 (little-endian), not UTF-8: write JSON Lines in UTF-8.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABodyDeclaredUtf16IsAnswered415NamingTheCharset()
    {
        using var content = new StringContent(Bodies.Account, Encoding.Unicode, "application/json");

        using var response = await host.Http1.PostAsync("/decisions", content, Cancellation);

        var problem = await Bodies.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("The body was sent in utf-16. Send it in UTF-8, as application/json.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ALoneSurrogateAndInvalidUtf8InBatchLinesAreErrorRecordsInTheirPlaceAndTheOtherLinesAreDecided()
    {
        var surrogate = Encoding.UTF8.GetBytes("""{"accountId":"\ud800","dueDate":"2026-03-01","amountDue":{"amount":10,"currency":"USD"}}""");
        byte[] invalid = [.. "{\"accountId\":\"A-"u8, 0xFF, 0xFE, .. "\",\"dueDate\":\"2026-03-01\",\"amountDue\":{\"amount\":10,\"currency\":\"USD\"}}"u8];
        var account = Encoding.UTF8.GetBytes(Bodies.Account);
        byte[] batch = [.. account, (byte)'\n', .. surrogate, (byte)'\n', .. account, (byte)'\n', .. invalid, (byte)'\n', .. account, (byte)'\n'];

        using var response = await host.Http1.PostAsync("/decisions/batch", Bodies.Bytes(batch, "application/x-ndjson"), Cancellation);

        var decisions = await Bodies.DecisionsAsync(response);
        Assert.Equal(["PF-001", "line 2", "PF-001", "line 4", "PF-001"], decisions.Select(d => d.GetProperty("accountId").GetString()));
        Assert.Equal(["contact", "error", "contact", "error", "contact"], decisions.Select(d => d.GetProperty("kind").GetString()));
        Assert.Equal("invalidAccount", decisions[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("invalidAccount", decisions[3].GetProperty("error").GetProperty("code").GetString());
    }
}
