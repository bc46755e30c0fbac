using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cadence.Json;
using Cadence.Json.Tests.Fuzzing;
using Cadence.Samples.WebApi.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace Cadence.Samples.WebApi.Tests.Fuzzing;

/// <summary>
/// <c>POST /decisions/batch</c> over loopback with generated corruptions of the sample files (<see cref="Corruptions"/>)
/// as its body: 200 with one decision per non-blank line, in order, the untouched lines decided as in the clean body and
/// no contact for a line that is not a readable record; or a 4xx with problem details for a body that is wrong as a
/// whole (its encoding, its size). Never a 500, never a reset connection.
/// </summary>
public sealed class BatchFuzzProperties(DecisionApiHost host)
{
    [Fact]
    public async Task DecideBatch_AnswersEveryNonBlankLineOfACorruptedBodyInOrder_OrAProblemForTheWholeBody()
    {
        var (_, clean) = await PostAsync(Corruptions.Join(Corruptions.SampleLines, finalLineFeed: true));
        Assert.Equal(Corruptions.SampleLines.Length, clean.Length);

        var cases = Corruptions.Cases(Corruptions.SampleLines.Length);
        // Half the cases of the other properties: each is a request of up to 4 MiB over loopback.
        await Fuzz.RunAsync(() => Check.One(Fuzz.Config.WithMaxTest(Math.Max(1, Fuzz.Cases / 2)), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var file = Corruptions.Apply(Corruptions.SampleLines, c);
            var (response, output) = PostAsync(file.Bytes).GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            Assert.True(status is 200 or (>= 400 and < 500), $"{response.StatusCode}: {string.Join('\n', output)}");
            if (status != 200)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                return;
            }

            if (file.Reencoding is not null)
            {
                // Read as UTF-8, a UTF-16 or UTF-32 body is no record at all; with a byte order mark, it is decoded.
                Assert.True(
                    output.SequenceEqual(clean) || output.All(l => !l.Contains("\"kind\":\"contact\"", StringComparison.Ordinal) && !l.Contains("\"kind\":\"escalate\"", StringComparison.Ordinal)),
                    string.Join('\n', output));
                return;
            }

            var expected = file.NonBlankLines.ToList();
            Assert.Equal(expected.Select(x => x.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)), output.Select((_, i) => expected.Count > i ? expected[i].Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : "extra: " + output[i]));
            foreach (var ((number, line), decision) in expected.Zip(output))
            {
                if (line.Clean is { } index)
                {
                    Assert.Equal(clean[index], decision);
                    continue;
                }

                // A corrupted line that still reads as a record is another account, decided under its id; one that does
                // not is an error, never a contact.
                using var json = JsonDocument.Parse(decision);
                var id = json.RootElement.GetProperty("accountId").GetString();
                var kind = json.RootElement.GetProperty("kind").GetString();
                var read = PersonJson.Read(line.Bytes, number);
                Assert.True((read.Success && id == read.Id) || (id == $"line {number}" && kind == "error"), $"line {number}: {decision}");
            }
        })));
    }

    /// <remarks>
    /// Found by the property above (seed 20260309, case <c>BareCr(line 38, 924035643, 873867329)</c>): the endpoint read
    /// lines with <see cref="StreamReader.ReadLine"/>, which also ends a line at a carriage return; it now reads them as
    /// the library's readers and the command line do, at line feeds only.
    /// </remarks>
    [Fact]
    public async Task DecideBatch_LineWithABareCarriageReturn_IsOneLine()
    {
        var (response, output) = await PostAsync("{\"accountId\":\r\"PF-001\"}\n{}\n"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["line 1", "line 2"], output.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("accountId").GetString()));
    }

    /// <remarks>
    /// Found by the property above (seed 20260309, case <c>InvalidUtf8(line 14, 1195348326, 14132748)</c>): the endpoint
    /// decoded the body with a <see cref="StreamReader"/>, which replaces bytes that are not UTF-8 by U+FFFD, and decided
    /// the account; it now reads bytes as the library's readers do, and the line is an error.
    /// </remarks>
    [Fact]
    public async Task DecideBatch_LineThatIsNotUtf8_IsAnError()
    {
        var line = Corruptions.SampleLines[13];
        var (response, output) = await PostAsync([.. line[..15], 0xFF, .. line[15..]]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("{\"accountId\":\"line 1\",\"kind\":\"error\"", Assert.Single(output), StringComparison.Ordinal);
    }

    private async Task<(HttpResponseMessage Response, string[] Lines)> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(DecisionEndpoints.JsonLinesMediaType);
        var response = await host.Http2.PostAsync("/decisions/batch?now=2026-03-09T14:30:00Z", content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
