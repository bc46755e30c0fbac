using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Cadence.Cli.Tests.Support;
using Cadence.Simulation;
using NodaTime;

namespace Cadence.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private static readonly string[] Small = ["--accounts", "200", "--days", "14"];

    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Simulate_OnePolicy_DescribesTheRunAndPrintsOneColumnNamedAfterThePolicy()
    {
        var result = await Tool.RunAsync(["simulate", Tool.Policy("acme-us.policy.json"), .. Small]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal(
            [
                "Portfolio:  200 synthetic accounts (seed 1, US zones)",
                "Period:     2026-03-02T00:00:00Z to 2026-03-16T00:00:00Z (14 days), step 1h, seed 1, days counted in UTC",
                "Policy:     acme-lending-us",
                "                      acme-lending-us",
                "accounts                          200",
            ],
            result.OutputLines[..5]);
        Assert.Matches(@"\nviolations +0\n\nEvaluations: [1-9][0-9]*\. Violations found by the compliance checker: 0\.\n$", result.Output);
    }

    [Fact]
    public async Task Simulate_SameSeed_PrintsTheSameTextAndAnotherSeedChangesIt()
    {
        string[] args = ["simulate", Tool.Policy("acme-us.policy.json"), "--challenger", Tool.Policy("acme-us-sms-first.policy.json"), .. Small];

        var first = await Tool.RunAsync([.. args, "--seed", "7"]);
        var again = await Tool.RunAsync([.. args, "--seed", "7"]);
        var other = await Tool.RunAsync([.. args, "--seed", "8"]);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, again.Output);
        Assert.NotEqual(first.Output.Replace("seed 7", "seed 8", StringComparison.Ordinal), other.Output);
    }

    [Fact]
    public async Task Simulate_ChampionAndChallenger_PrintsOneColumnPerVariantNamedAfterItsPolicy()
    {
        var result = await Tool.RunAsync(["simulate", Tool.Policy("acme-us.policy.json"), "--challenger", Tool.Policy("acme-us-sms-first.policy.json"), "--weights", "3,1", .. Small]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Experiment: 'simulation': acme-lending-us (champion, weight 3), acme-lending-us-sms-first (challenger, weight 1)", result.OutputLines[2]);
        Assert.Equal(["acme-lending-us", "acme-lending-us-sms-first"], Cells(result, 3));
        var accounts = Cells(result, 4).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(200, accounts.Sum());
        Assert.True(accounts[0] > 2 * accounts[1], $"{accounts[0]} accounts for the champion, {accounts[1]} for the challenger");
    }

    [Fact]
    public async Task Simulate_TwoPoliciesWithTheSameName_NamesTheVariantsChampionAndChallenger()
    {
        var result = await Tool.RunAsync(["simulate", Tool.Policy("acme-us.policy.json"), "--challenger", Tool.Policy("acme-us.policy.json"), "--experiment", "same", .. Small]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Experiment: 'same': champion (champion, weight 1, policy acme-lending-us), challenger (challenger, weight 1, policy acme-lending-us)", result.OutputLines[2]);
        Assert.Equal(["champion", "challenger"], Cells(result, 3));
    }

    [Fact]
    public async Task Simulate_Out_WritesTheChartsAndTheContactsPerDayMatchingTheTable()
    {
        var folder = tool.PathOf("charts");

        var result = await Tool.RunAsync(["simulate", Tool.Policy("acme-us.policy.json"), "--challenger", Tool.Policy("acme-us-sms-first.policy.json"), .. Small, "--out", folder]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Wrote contacts-per-day.png, contacts-per-day.svg, variants.png, variants.svg, daily.csv to {folder}", result.OutputLines[^1]);
        Assert.All(["contacts-per-day.png", "variants.png"], f => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(folder, f))[..4]));
        Assert.All(["contacts-per-day.svg", "variants.svg"], f => Assert.Equal("svg", System.Xml.Linq.XDocument.Load(Path.Combine(folder, f)).Root!.Name.LocalName));
        var rows = File.ReadAllLines(Path.Combine(folder, "daily.csv"));
        Assert.Equal("date,variant,channel,contacts", rows[0]);
        var contacts = rows.Skip(1).Select(r => r.Split(',')).Where(r => r[2] != "none")
            .GroupBy(r => r[1]).ToDictionary(g => g.Key, g => g.Sum(r => int.Parse(r[3], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
        Assert.Equal([contacts["acme-lending-us"], contacts["acme-lending-us-sms-first"]], Cells(result, 5));
    }

    [Fact]
    public async Task Simulate_InvalidChallenger_PrintsEveryProblemWithFileLineAndPathAndExitsOne()
    {
        var path = tool.File("bad.policy.json", """
            {
              "name": "p",
              "steps": [
                { "id": "a", "channel": "fax", "template": "t", "window": { "from": 1, "to": 2 } }
              ],
              "colour": "blue"
            }
            """);

        var result = await Tool.RunAsync(["simulate", Tool.Policy("acme-us.policy.json"), "--challenger", path, .. Small]);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal(2, result.ErrorLines.Length);
        Assert.StartsWith($"{path}: line 4, steps[0].channel: 'fax' is not one of", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{path}: line 6, colour: unknown property 'colour'", result.ErrorLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_PortfolioFile_SimulatesItsAccounts()
    {
        var portfolio = tool.File("accounts.jsonl", """
            {"accountId":"A-1","timeZones":["America/Chicago"],"dueDate":"2026-02-20","amountDue":{"amount":300,"currency":"USD"},"contactPoints":[{"channel":"call"},{"channel":"sms","consentGiven":true}]}

            {"accountId":"A-2","timeZones":["America/New_York"],"dueDate":"2026-03-05","amountDue":{"amount":80,"currency":"USD"},"contactPoints":[{"channel":"email"}]}
            """);

        var result = await Tool.RunAsync("simulate", Tool.Policy("acme-us.policy.json"), "--portfolio", portfolio, "--days", "7", "--step", "30m");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Portfolio:  2 accounts from {portfolio}", result.OutputLines[0]);
        Assert.Contains("step 30m, seed 1", result.OutputLines[1], StringComparison.Ordinal);
        Assert.Equal(["2"], Cells(result, 4));
    }

    [Fact]
    public async Task Simulate_Persons_GeneratesPersonsOfSeveralAccountsAndCountsContactsPerPerson()
    {
        var result = await Tool.RunAsync("simulate", Tool.Policy("acme-us.policy.json"), "--persons", "150", "--days", "14");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Matches(@"^Portfolio:  150 synthetic persons with (1[89][0-9]|2[0-3][0-9]) accounts \(seed 1, US zones\)$", result.OutputLines[0]);
        Assert.Equal(["150"], Cells(result, 4));
        Assert.StartsWith("accounts ", result.OutputLines[5], StringComparison.Ordinal);
        Assert.Contains(result.OutputLines, l => l.StartsWith("contacts per person ", StringComparison.Ordinal));
        Assert.Matches(@"\nviolations +0\n", result.Output);
    }

    [Fact]
    public async Task Simulate_PortfolioOfPersonsAndAccounts_SimulatesEachPersonAsAWhole()
    {
        var portfolio = tool.File("persons.jsonl", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "persons", "two-loans.jsonl")));

        var result = await Tool.RunAsync("simulate", Tool.Policy("acme-us.policy.json"), "--portfolio", portfolio, "--days", "10");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^Portfolio:  [0-9]+ persons with [0-9]+ accounts from ", result.OutputLines[0]);
        Assert.Contains(result.OutputLines, l => l.StartsWith("persons ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulate_PortfolioWithAnUnreadableLine_PrintsItsProblemsAndExitsOne()
    {
        var portfolio = tool.File("accounts.jsonl", """
            {"accountId":"A-1","dueDate":null,"amountDue":{"amount":0,"currency":"USD"}}
            {"accountId":"A-2","dueDate":"2026-02-30","amountDue":{"amount":0,"currency":"USD"}}
            """);

        var result = await Tool.RunAsync("simulate", Tool.Policy("acme-us.policy.json"), "--portfolio", portfolio);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal([$"{portfolio}: line 2, dueDate: '2026-02-30' is not an ISO 8601 date such as 2026-03-14"], result.ErrorLines);
    }

    [Theory]
    [InlineData("--days 0", "cadence: --days: 0 is not between 1 and 3660")]
    [InlineData("--accounts 0", "cadence: --accounts: 0 is not between 1 and 10000000")]
    [InlineData("--persons 0", "cadence: --persons: 0 is not between 1 and 10000000")]
    [InlineData("--persons 5 --accounts 5", "cadence: --persons: give either --accounts or --persons, not both")]
    [InlineData("--regions US-MA", "cadence: --regions: applies to synthetic persons: give --persons")]
    [InlineData("--start yesterday", "cadence: --start: 'yesterday' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z")]
    [InlineData("--start now", "cadence: --start: 'now' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z")]
    [InlineData("--step 0m", "cadence: --step: '0m' is not a step between 1m and 24h, such as 1h, 30m or 15")]
    [InlineData("--step 25h", "cadence: --step: '25h' is not a step between 1m and 24h, such as 1h, 30m or 15")]
    [InlineData("--zones Mars/Olympus,America/Denver", "cadence: --zones: 'Mars/Olympus' is not an IANA time zone; give us, ru, or zone ids such as America/Chicago,America/Denver")]
    [InlineData("--reporting-zone Local", "cadence: --reporting-zone: 'Local' is not an IANA time zone such as UTC or America/New_York")]
    [InlineData("--weights 50,0", "cadence: --weights: '50,0' is not a list of whole numbers of at least 1 separated by commas, such as 50,50")]
    [InlineData("--weights 50,50", "cadence: --weights: 2 weights for 1 variant: give one for the champion and one per --challenger")]
    [InlineData("--experiment test", "cadence: --experiment: an experiment needs at least one --challenger")]
    [InlineData("--seed one", "cadence: Cannot parse argument 'one' for option '--seed' as expected type 'System.Int32'.")]
    public async Task Simulate_BadArgument_IsAUsageErrorExitingTwo(string arguments, string message)
    {
        var result = await Tool.RunAsync(["simulate", Tool.Policy("acme-us.policy.json"), .. arguments.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal(message, result.ErrorLines[0]);
        Assert.Equal("Run 'cadence --help' for usage.", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task Simulate_PortfolioWithSyntheticOptions_IsAUsageErrorExitingTwo()
    {
        var portfolio = tool.File("accounts.jsonl", """{"accountId":"A-1","dueDate":null,"amountDue":{"amount":0,"currency":"USD"}}""");

        var result = await Tool.RunAsync("simulate", Tool.Policy("acme-us.policy.json"), "--portfolio", portfolio, "--accounts", "5", "--zones", "ru");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["cadence: --accounts: applies to a synthetic portfolio, not to --portfolio", "cadence: --zones: applies to a synthetic portfolio, not to --portfolio"], result.ErrorLines[..2]);
    }

    [Fact]
    public async Task Simulate_MissingPolicyFile_IsAUsageErrorExitingTwo()
    {
        var result = await Tool.RunAsync("simulate", tool.PathOf("missing.policy.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing.policy.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_MissingChallengerFile_IsAUsageErrorExitingTwo()
    {
        var result = await Tool.RunAsync("simulate", Tool.Policy("acme-us.policy.json"), "--challenger", tool.PathOf("missing.policy.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing.policy.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_WeightsNotOnePerVariant_IsAUsageErrorExitingTwo()
    {
        var result = await Tool.RunAsync("simulate", Tool.Policy("acme-us.policy.json"), "--challenger", Tool.Policy("acme-us-sms-first.policy.json"), "--weights", "1,2,3");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("cadence: --weights: 3 weights for 2 variants: give one for the champion and one per --challenger", result.ErrorLines[0]);
    }

    [Fact]
    public void Report_Violations_PrintsTheFirstTwentyOnTheErrorWriterAndExitsOne()
    {
        var run = Simulations.OnePolicy();
        var at = Simulations.Start + Duration.FromHours(15);
        ImmutableArray<ComplianceViolation> violations = [.. Enumerable.Range(0, 23).Select(i => new ComplianceViolation($"ACC-{i:D2}", ViolationKind.Cap, "reg-f-7-in-7", at, [], "the 8th call in 7 days", 3))];
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var error = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };

        var code = SimulateCommand.Report(run with { Violations = violations }, ["Policy:     p"], "p", null, new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, code);
        Assert.EndsWith("Violations found by the compliance checker: 23.\n", output.ToString(), StringComparison.Ordinal);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(22, lines.Length);
        Assert.Equal("cadence: the compliance checker found 23 violations:", lines[0]);
        Assert.Equal("  ACC-00 at 2026-03-02T15:00:00Z: Cap reg-f-7-in-7: the 8th call in 7 days", lines[1]);
        Assert.Equal("  ACC-19 at 2026-03-02T15:00:00Z: Cap reg-f-7-in-7: the 8th call in 7 days", lines[20]);
        Assert.Equal("  (3 more not shown)", lines[21]);
    }

    [Fact]
    public void Report_NoViolations_ExitsZeroAndWritesNothingOnTheErrorWriter()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var error = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };

        var code = SimulateCommand.Report(Simulations.OnePolicy(), ["Policy:     p"], "p", null, new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(0, code);
        Assert.StartsWith("Policy:     p\n\n                          p\naccounts                100\n", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(error.ToString());
    }

    /// <summary>The cells of a table row after its label, by line of the output.</summary>
    private static string[] Cells(CliResult result, int line)
    {
        var text = result.OutputLines[line];
        return text.Length > 22 ? text[22..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
    }
}
