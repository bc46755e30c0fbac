using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cadence.Samples.WebApi.Tests.Support;

/// <summary>Request bodies and the reading of answers, for the tests of bad input.</summary>
internal static class Bodies
{
    /// <summary>Line 1 of the sample portfolio: the account PF-001, decided <c>contact</c>.</summary>
    public static readonly string Account = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"))[0];

    /// <summary>The bytes, sent as <paramref name="mediaType"/> exactly (no charset added).</summary>
    public static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    /// <summary>The text in UTF-8, as <paramref name="mediaType"/> exactly.</summary>
    public static ByteArrayContent Utf8(string text, string mediaType) => Bytes(Encoding.UTF8.GetBytes(text), mediaType);

    /// <summary>The problem details of an answer, which must be <c>application/problem+json</c>.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return problem.RootElement.Clone();
    }

    /// <summary>The lines of a batch's answer, which must be <c>200</c>, parsed.</summary>
    public static async Task<List<JsonElement>> DecisionsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
        {
            using var decision = JsonDocument.Parse(l);
            return decision.RootElement.Clone();
        })];
    }
}

/// <summary>
/// A body whose length is not told beforehand (sent chunked over HTTP/1.1), written in parts with a pause after each
/// but the last, so that the service reads a part before the next arrives.
/// </summary>
internal sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[][] parts;

    public UnknownLengthContent(string mediaType, params string[] parts)
    {
        this.parts = [.. parts.Select(Encoding.UTF8.GetBytes)];
        Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            await stream.WriteAsync(parts[i]);
            if (i < parts.Length - 1)
            {
                await stream.FlushAsync();
                await Task.Delay(500);
            }
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
