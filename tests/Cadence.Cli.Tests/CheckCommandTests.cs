using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly Tool tool = new();

    private static string Persons => Path.Combine(Root(), "examples", "persons", "two-loans.jsonl");

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Check_AnAllowedCall_PrintsAllowedAndExitsZero()
    {
        var result = await Tool.RunAsync("check", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", Persons, "--id", "P-100", "--channel", "call", "--point", "home", "--account", "CARD-1", "--now", "2026-03-09T14:30:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["P-100: allowed"], result.OutputLines);
    }

    [Fact]
    public async Task Check_ACallAtNight_PrintsTheEarliestInstantAndTheRuleAndExitsThree()
    {
        var result = await Tool.RunAsync("check", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", Persons, "--id", "P-100", "--channel", "call", "--point", "cell", "--account", "CARD-1", "--now", "2026-03-10T02:00:00Z");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            [
                "P-100: not allowed before 2026-03-10T12:00:00Z: window:lender-hours+reg-f-convenient-hours (America/New_York)",
                "  OutsideContactWindow by window:lender-hours+reg-f-convenient-hours (America/New_York) until 2026-03-10T12:00:00Z",
            ],
            result.OutputLines);
    }

    [Fact]
    public async Task Check_TwoPointsOnTheChannelAndNoPoint_IsRefusedAndExitsThree()
    {
        var result = await Tool.RunAsync("check", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", Persons, "--id", "P-100", "--channel", "call", "--now", "2026-03-09T14:30:00Z");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("P-100: refused: ", Assert.Single(result.OutputLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AnAccountLine_IsCheckedAsAPersonOfOneAccount()
    {
        var result = await Tool.RunAsync("check", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", Persons, "--id", "PF-007", "--channel", "sms", "--now", "2026-03-09T14:30:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["PF-007: allowed"], result.OutputLines);
    }

    [Theory]
    [InlineData("--channel", "fax")]
    [InlineData("--id", "NOBODY")]
    public async Task Check_AnUnknownChannelOrId_IsAUsageErrorExitingTwo(string option, string value)
    {
        string[] args = ["check", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", Persons, "--id", "P-100", "--channel", "call", "--now", "2026-03-09T14:30:00Z"];
        args[Array.IndexOf(args, option) + 1] = value;

        var result = await Tool.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Check_AnUnreadablePerson_PrintsItsProblemsAndExitsOne()
    {
        var file = tool.File("bad.json", """{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":"soon","amountDue":null}]}""");

        var result = await Tool.RunAsync("check", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", file, "--channel", "call", "--now", "2026-03-09T14:30:00Z");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"{file}: line 1, accounts[0].dueDate: 'soon' is not an ISO 8601 date such as 2026-03-14"], result.ErrorLines);
    }

    internal static string Root()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Cadence.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
