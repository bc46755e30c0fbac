using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Cadence.Samples.Batch.Tests;

public sealed partial class BatchAppTests : IDisposable
{
    private static readonly string[] Kinds = ["Contact", "Escalate", "Wait", "Suppressed", "None", "Error"];

    private readonly string directory = Directory.CreateTempSubdirectory("cadence-batch-tests-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task RunAsync_FiveThousandGeneratedAccounts_PrintsTheTablesWhoseTotalsAddUpToTheCount()
    {
        var run = await RunAsync("--accounts", "5000");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains("Now         2026-03-09T14:30:00Z", run.Output, StringComparison.Ordinal);
        Assert.Contains("Accounts    5,000 synthetic accounts (seed 42)", run.Output, StringComparison.Ordinal);

        var decisions = Table(run.Output, "Decisions");
        var kinds = Kinds.ToDictionary(k => k, k => Row(decisions, k)[0]);
        Assert.Equal(5_000, kinds.Values.Sum());
        Assert.Equal([5_000, 5_000], Row(decisions, "Total")); // accounts, persons: a generated account is a person of one
        Assert.All(["Contact", "Wait"], k => Assert.True(kinds[k] > 0, k));

        // Contacts by channel and escalations by kind, due now or later, add up to the contact and escalation decisions.
        var channels = Table(run.Output, "Contacts by channel, escalations by kind");
        var rows = channels.Select(Cells).Where(c => c is [not ("Channel" or "Total"), ..]).Select(c => c[0]).ToList();
        Assert.Equal(["Email", "Sms", "Call", "Letter"], rows.Take(4));
        Assert.All(rows.Skip(4), r => Assert.StartsWith("escalation: ", r, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal(Row(channels, r)[0] + Row(channels, r)[1], Row(channels, r)[2]));
        Assert.Equal([kinds["Contact"] + kinds["Escalate"]], Row(channels, "Total").Skip(2));
        Assert.Equal(kinds["Contact"] + kinds["Escalate"], rows.Sum(r => Row(channels, r)[2]));

        var throughput = Table(run.Output, "Throughput");
        Assert.Equal(["Phase", "Accounts", "Persons", "Elapsed", "Accounts/s"], Cells(throughput.Single(l => l.Contains("Phase", StringComparison.Ordinal))));
        Assert.Equal(5_000, Row(throughput, "Generation")[0]);
        Assert.Equal(5_000, Row(throughput, "Evaluation")[0]);
        Assert.Equal(5_000, Row(throughput, "Total")[0]);
    }

    [Fact]
    public async Task RunAsync_SameSeedTwice_DecidesTheSameAndAnotherSeedDecidesOtherwise()
    {
        var first = await RunAsync("--accounts", "2000", "--seed", "7");
        var again = await RunAsync("--accounts", "2000", "--seed", "7");
        var other = await RunAsync("--accounts", "2000", "--seed", "8");

        Assert.Equal(Decisions(first.Output), Decisions(again.Output));
        Assert.NotEqual(Decisions(first.Output), Decisions(other.Output));
    }

    [Fact]
    public async Task RunAsync_SamplePortfolioFile_EvaluatesEveryLineAndCountsUnreadableOnesAsErrors()
    {
        var run = await RunAsync("--input", Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [26, 2, 6, 2, 2, 4],
            Kinds.Select(k => Row(Table(run.Output, "Decisions"), k)[0]));
        Assert.Equal(
            [21, 2, 6, 2, 2, 4],
            Kinds.Select(k => Row(Table(run.Output, "Decisions"), k)[1]));

        // 33 account lines and 4 persons of 9 accounts: 37 decisions about 42 accounts; 3 lines cannot be read.
        Assert.Equal([42, 37], Row(Table(run.Output, "Decisions"), "Total"));
        Assert.Equal(39, Row(Table(run.Output, "Throughput"), "Reading")[0]);
        Assert.Contains("Unreadable: line 28, $: required property 'accountId' is missing", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ThreeThousandGeneratedPersons_TalliesPersonsAndTheirAccountsAndTheTablesAddUp()
    {
        var run = await RunAsync("--persons", "3000");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains("Accounts    3,000 synthetic persons (seed 42)", run.Output, StringComparison.Ordinal);
        var decisions = Table(run.Output, "Decisions");
        var total = Row(decisions, "Total");
        Assert.Equal(3_000, total[1]);
        Assert.InRange(total[0], 3_000 * 1.2, 3_000 * 1.6); // one to three accounts each, 70/20/10: 1.4 on average
        Assert.Equal(total[1], Kinds.Sum(k => Row(decisions, k)[1]));
        Assert.Equal(total[0], Kinds.Sum(k => Row(decisions, k)[0]));
        Assert.All(Kinds, k => Assert.True(Row(decisions, k)[0] >= Row(decisions, k)[1], k));
        Assert.Equal([total[0], 3_000], Row(Table(run.Output, "Throughput"), "Evaluation").Take(2));
    }

    [Fact]
    public async Task RunAsync_PersonsFile_DecidesEachPersonOnceWithTheirAccountsAndCountsTheEscalationItLists()
    {
        var run = await RunAsync("--input", Path.Combine(AppContext.BaseDirectory, "persons", "two-loans.jsonl"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([3, 2], Row(Table(run.Output, "Decisions"), "Contact").Take(2));
        Assert.Equal([3, 2], Row(Table(run.Output, "Decisions"), "Total").Take(2));
        var channels = Table(run.Output, "Contacts by channel, escalations by kind");
        Assert.Equal([2, 0, 2], Row(channels, "Call"));
        Assert.Equal([1, 0, 1], Row(channels, "escalation: credit-bureau-notice"));
    }

    [Fact]
    public async Task RunAsync_Cancelled_PrintsTheCountsSoFarAndExitsWith130()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var run = await RunAsync(stop.Token, "--accounts", "5000");

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Cancelled: the tables count the 0 persons (0 accounts) evaluated before the stop.", run.Output, StringComparison.Ordinal);
        Assert.Equal([0, 0], Row(Table(run.Output, "Decisions"), "Total"));
    }

    [Fact]
    public async Task RunAsync_InputAndAccountsTogether_IsAUsageError()
    {
        var run = await RunAsync("--input", Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"), "--accounts", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--input reads its accounts: --accounts, --persons and --seed are for generated ones.", run.ErrorLines[0]);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task RunAsync_AccountsAndPersonsTogether_IsAUsageError()
    {
        var run = await RunAsync("--accounts", "10", "--persons", "10");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("--accounts and --persons: generate one or the other.", run.ErrorLines[0]);
    }

    [Theory]
    [InlineData("--now", "yesterday", "--now: 'yesterday' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z.")]
    [InlineData("--accounts", "0", "--accounts: between 1 and 10,000,000.")]
    [InlineData("--persons", "0", "--persons: between 1 and 10,000,000.")]
    public async Task RunAsync_BadOption_IsAUsageError(string option, string value, string message)
    {
        var run = await RunAsync(option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message, run.ErrorLines[0]);
    }

    [Fact]
    public async Task RunAsync_PolicyWithProblems_ListsThemAndExitsWithOne()
    {
        var policy = Path.Combine(directory, "broken.policy.json");
        await File.WriteAllTextAsync(policy, """{ "name": "broken", "steps": [ { "id": "s", "channel": "pigeon", "template": "t", "window": { "from": 0, "to": 1 } } ] }""", TestContext.Current.CancellationToken);

        var run = await RunAsync("--accounts", "10", "--policy", policy);

        Assert.Equal(1, run.ExitCode);
        Assert.NotEmpty(run.ErrorLines);
        Assert.All(run.ErrorLines, line => Assert.StartsWith("broken.policy.json: ", line, StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, line => line.Contains("pigeon", StringComparison.Ordinal));
    }

    private static Task<BatchRun> RunAsync(params string[] args) => RunAsync(TestContext.Current.CancellationToken, args);

    private static async Task<BatchRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var error = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 120;
        var code = await BatchApp.RunAsync(args, console, error, cancellationToken);
        return new BatchRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The lines of the table titled <paramref name="title"/>: those after the title that are drawn with its borders.</summary>
    private static string[] Table(string output, string title)
    {
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == title);
        Assert.True(start >= 0, $"no table '{title}' in:\n{output}");
        return [.. lines.Skip(start + 1).TakeWhile(l => l.TrimStart() is [('┌' or '├' or '│' or '└' or '+' or '|'), ..])];
    }

    /// <summary>The counts (whole numbers; not shares, durations) of the row whose first cell is <paramref name="label"/>.</summary>
    private static long[] Row(string[] table, string label)
    {
        var line = table.Single(l => Cells(l) is [var first, ..] && first == label);
        return [.. Cells(line).Skip(1).Where(c => WholeNumber().IsMatch(c)).Select(Number)];
    }

    private static string[] Cells(string line) => line.Trim().Length > 1 && line.Trim()[0] is '│' or '|'
        ? [.. line.Trim().Trim('│', '|').Split('│', '|').Select(c => c.Trim())]
        : [];

    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string Decisions(string output) => string.Join(",", Kinds.Select(k => Row(Table(output, "Decisions"), k)[0]));

    [GeneratedRegex(@"^[\d,]+$")]
    private static partial Regex WholeNumber();

    private sealed record BatchRun(int ExitCode, string Output, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
