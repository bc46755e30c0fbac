using System.Text;
using System.Text.RegularExpressions;
using Cadence.Samples.WebApi.Tests.Support;

namespace Cadence.Samples.WebApi.Tests;

/// <summary>The requests the example's README shows answer what it shows.</summary>
public sealed partial class ReadmeTests(DecisionApiHost host)
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneRecordExamples_AnswerWhatTheReadmeShows()
    {
        var examples = OneAccountExample().Matches(Readme);

        Assert.Equal(6, examples.Count); // four accounts, the person of two accounts, and the check
        foreach (Match example in examples)
        {
            using var body = new StringContent(example.Groups["body"].Value, Encoding.UTF8, "application/json");
            using var response = await host.Http1.PostAsync(example.Groups["path"].Value, body, Cancellation);

            Assert.Equal(WithoutTraceId(example.Groups["answer"].Value), WithoutTraceId(await response.Content.ReadAsStringAsync(Cancellation)));
        }
    }

    [Fact]
    public async Task BatchExample_AnswersTheLinesTheReadmeShows()
    {
        var section = Readme[Readme.IndexOf("## `POST /decisions/batch`", StringComparison.Ordinal)..];
        var shown = TextBlock().Match(section).Groups["text"].Value.Split('\n').Where(line => line != "…").ToList();
        var portfolio = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"), Cancellation);

        using var body = new StringContent(portfolio, Encoding.UTF8, "application/x-ndjson");
        using var response = await host.Http1.PostAsync("/decisions/batch?now=2026-03-09T14:30:00Z", body, Cancellation);

        var lines = (await response.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, shown.Count);
        Assert.Equal(shown, [.. lines[0..3], .. lines[25..28]]);
        Assert.Contains("with 37 lines: 21 `contact`, 2 `escalate`, 6 `wait`, 2 `suppressed`,\n2 `none` and 4 `error`", section, StringComparison.Ordinal);
        Assert.Equal(
            [("contact", 21), ("error", 4), ("escalate", 2), ("none", 2), ("suppressed", 2), ("wait", 6)],
            lines.Select(l => Kind().Match(l).Groups["kind"].Value).GroupBy(k => k).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task HealthExample_AnswersWhatTheReadmeShows()
    {
        var section = Readme[Readme.IndexOf("## `GET /health`", StringComparison.Ordinal)..];

        var answer = await host.Http1.GetStringAsync("/health", Cancellation);

        Assert.Equal(JsonBlock().Match(section).Groups["json"].Value, answer);
    }

    private static string WithoutTraceId(string problem) => TraceId().Replace(problem, string.Empty);

    [GeneratedRegex("""```sh\ncurl -s -X POST 'http://localhost:5000(?<path>[^']*)' -H 'Content-Type: application/json' \\\n  -d '(?<body>[^']*)'\n```\n.*?```json\n(?<answer>[^\n]*)\n```""", RegexOptions.Singleline)]
    private static partial Regex OneAccountExample();

    [GeneratedRegex("```text\\n(?<text>.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex TextBlock();

    [GeneratedRegex("```json\\n(?<json>.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(",\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();

    [GeneratedRegex("\"kind\":\"(?<kind>[a-z]+)\"")]
    private static partial Regex Kind();
}
