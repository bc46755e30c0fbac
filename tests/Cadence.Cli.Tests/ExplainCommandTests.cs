using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class ExplainCommandTests : IDisposable
{
    // 7 outbound calls on the 7 local days 6–12 April in Chicago; it is Sunday 12 April, 15:00 there.
    private const string CappedAccount = """
        {
          "accountId": "CAP-7",
          "timeZones": ["America/Chicago"],
          "dueDate": "2026-03-25",
          "amountDue": { "amount": 300, "currency": "USD" },
          "contactPoints": [{ "channel": "call" }],
          "history": [
            { "at": "2026-04-06T17:00:00Z", "channel": "call", "outcome": "noAnswer" },
            { "at": "2026-04-07T17:00:00Z", "channel": "call", "outcome": "noAnswer" },
            { "at": "2026-04-08T17:00:00Z", "channel": "call", "outcome": "noAnswer" },
            { "at": "2026-04-09T17:00:00Z", "channel": "call", "outcome": "noAnswer" },
            { "at": "2026-04-10T17:00:00Z", "channel": "call", "outcome": "noAnswer" },
            { "at": "2026-04-11T17:00:00Z", "channel": "call", "outcome": "noAnswer" },
            { "at": "2026-04-12T17:00:00Z", "channel": "call", "outcome": "noAnswer" }
          ]
        }
        """;

    private const string Lines = """
        {"accountId":"A","timeZones":["America/New_York","America/Los_Angeles"],"dueDate":"2026-04-16","amountDue":{"amount":80,"currency":"USD"},"contactPoints":[{"channel":"email"}]}
        {"accountId":"B","dueDate":null,"amountDue":{"amount":0,"currency":"USD"}}
        {"accountId":"C","dueDate":null,"amountDue":{"amount":0,"currency":"usd"}}
        """;

    private const string Now = "2026-04-12T20:00:00Z";

    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Explain_CappedCalls_PrintsTheDecisionTheRulesByNameAndTheLocalTime()
    {
        var account = tool.File("cap-7.json", CappedAccount);

        var result = await Tool.RunAsync("explain", "--policy", Tool.Policy("acme-us.policy.json"), "--account", account, "--now", Now);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal(
            [
                "CAP-7: Contact call-overdue via Call template 'overdue-call' not before 2026-04-13T13:00:00Z (limited-content voicemail only)",
                "  * sms-overdue [Sms] Blocked",
                "      NoContactPoint by guard:no-contact-point",
                "  * call-overdue [Call] Chosen not before 2026-04-13T13:00:00Z",
                "      CapReached by cap:reg-f-7-calls-in-7-days until 2026-04-13T05:00:00Z",
                "          per us-regulation-f: 12 CFR 1006.14(b)(2)(i); (b)(4) [V]",
                "      OutsideContactWindow by window:lender-hours+reg-f-convenient-hours (America/Chicago) until 2026-04-13T13:00:00Z",
                "          per us-regulation-f: 12 CFR 1006.6(b)(1)(i) [V]",
                "      Chosen by selection at 2026-04-13T13:00:00Z",
                "  * offer-restructuring [Email] Blocked",
                "      NoContactPoint by guard:no-contact-point",
                "Local time in America/Chicago: now Sun 2026-04-12 15:00 (UTC-05:00), not before Mon 2026-04-13 08:00 (UTC-05:00)",
            ],
            result.OutputLines);
    }

    [Fact]
    public async Task Explain_AnIdWithControlCharacters_PrintsThemEscaped_NeverRaw()
    {
        // An id that would clear the screen, return to the line's start and reverse the text, were it printed raw.
        var account = tool.File("hostile.json", """{"accountId":"A\u001b[2J\r\u202eX","timeZones":["America/Chicago"],"dueDate":null,"amountDue":{"amount":0,"currency":"USD"}}""");

        var result = await Tool.RunAsync("explain", "--policy", Tool.Policy("acme-us.policy.json"), "--account", account, "--now", Now);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("A\\u001B[2J\\u000D\\u202EX: None", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output, c => c is '\u001b' or '\r' or '\u202e');
    }

    [Fact]
    public async Task Explain_JsonLinesWithId_ExplainsThatAccountInEveryZone()
    {
        var accounts = tool.File("accounts.jsonl", Lines);

        var result = await Tool.RunAsync("explain", "--policy", Tool.Policy("acme-us.policy.json"), "--account", accounts, "--id", "A", "--now", Now);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("A: Contact email-pre-due via Email template 'pre-due-reminder' not before 2026-04-12T20:00:00Z", result.OutputLines[0]);
        Assert.Equal(
            [
                "Local time in America/New_York: now Sun 2026-04-12 16:00 (UTC-04:00), not before Sun 2026-04-12 16:00 (UTC-04:00)",
                "Local time in America/Los_Angeles: now Sun 2026-04-12 13:00 (UTC-07:00), not before Sun 2026-04-12 13:00 (UTC-07:00)",
            ],
            result.OutputLines[^2..]);
    }

    [Fact]
    public async Task Explain_SeveralAccountsAndNoId_IsAUsageErrorExitingTwo()
    {
        var accounts = tool.File("accounts.jsonl", Lines);

        var result = await Tool.RunAsync("explain", "--policy", Tool.Policy("acme-us.policy.json"), "--account", accounts, "--now", Now);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cadence: {accounts} holds 3 accounts: choose one with --id\n", result.Error);
    }

    [Fact]
    public async Task Explain_UnknownId_IsAUsageErrorExitingTwo()
    {
        var accounts = tool.File("accounts.jsonl", Lines);

        var result = await Tool.RunAsync("explain", "--policy", Tool.Policy("acme-us.policy.json"), "--account", accounts, "--id", "Z", "--now", Now);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"cadence: {accounts} holds 0 readable accounts with id 'Z'\n", result.Error);
    }

    [Fact]
    public async Task Explain_UnreadableAccount_PrintsItsProblemsAndExitsOne()
    {
        var account = tool.File("bad.json", """{"accountId":"C","dueDate":null,"amountDue":{"amount":0,"currency":"usd"}}""");

        var result = await Tool.RunAsync("explain", "--policy", Tool.Policy("acme-us.policy.json"), "--account", account, "--now", Now);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal($"{account}: line 1, amountDue.currency: 'usd' is not an ISO 4217 currency code such as USD\n", result.Error);
    }

    [Fact]
    public async Task Explain_APersonById_ExplainsThePersonsDecision()
    {
        var persons = Path.Combine(CheckCommandTests.Root(), "examples", "persons", "two-loans.jsonl");

        var result = await Tool.RunAsync("explain", "--policy", Tool.Policy("acme-us.policy.json"), "--account", persons, "--id", "P-100", "--now", "2026-03-09T14:30:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("P-100: Contact call-overdue via Call (cell) template 'overdue-call' not before 2026-03-09T14:30:00Z (limited-content voicemail only) about CARD-1; also bureau-notice (credit-bureau-notice) about LOAN-2 not before 2026-03-09T14:30:00Z", result.OutputLines[0]);
        Assert.Equal("Local time in America/New_York: now Mon 2026-03-09 10:30 (UTC-04:00), not before Mon 2026-03-09 10:30 (UTC-04:00)", result.OutputLines[^1]);
    }
}
